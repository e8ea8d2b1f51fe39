// The app renders in the browser only (the map needs WebGL and the DOM). Set on the root layout,
// not only on the page: SvelteKit then never server-renders the error page either, whose root
// layout has no server component when every page is client-only (GET /nope answered 500
// "Missing +page.svelte component" instead of 404).
export const ssr = false;
