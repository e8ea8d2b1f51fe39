// The map needs WebGL and the DOM: render it in the browser only.
export const ssr = false;
