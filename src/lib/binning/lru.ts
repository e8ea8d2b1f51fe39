/**
 * Small helpers shared by the incremental analyses. Pure module.
 */

/** Remove the least recently used entry (smallest `used`) when `list` holds `max` or more. */
export function evictLeastUsed<T extends { used: number }>(list: T[], max: number): void {
	if (list.length < max) return;
	let k = 0;
	for (let i = 1; i < list.length; i++) if (list[i].used < list[k].used) k = i;
	list.splice(k, 1);
}
