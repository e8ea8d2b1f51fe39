// TEMPORARY shim (replaced by the layer registry branch).
export type { Hover } from '../components/Tooltip.svelte';
