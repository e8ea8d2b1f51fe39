/**
 * Which alert or incident flashes the screen as "NIEUWE KRITIEKE MELDING" (the map flashes per
 * incident: incident-format.ts gives its changes). Only one that became
 * critical after this screen began to follow its alerts, that nobody has acknowledged, and that
 * this screen has not flashed before: what was already there at a page load or a role switch is
 * never flashed, however recent. The ids flashed are kept in
 * the browser's storage, so a reload of a wall screen does not flash them again.
 * Pure module (storage injected).
 */

/** What the rule needs of an alert or an incident: its id, its first sign, its status. */
export interface Flashable {
	id: string;
	/** Detected (an alert) or first seen (an incident), epoch ms on the map's clock. */
	t: number;
	/** 'new' (an alert) or 'open' (an incident) while nobody has acknowledged it. */
	status: string;
}

/** What one update did to an item (AlertChange, IncidentChange). */
export interface FlashChange {
	id: string;
	added: boolean;
	becameCritical: boolean;
}

const UNACKNOWLEDGED = new Set(['new', 'open']);

export interface FlashStorage {
	getItem(key: string): string | null;
	setItem(key: string, value: string): void;
}

/** How many flashed ids are remembered (oldest forgotten first). */
export const FLASH_MEMORY = 500;
export const FLASH_STORAGE_KEY = 'uitkijk.flashed';

export class FlashRule {
	private shown: string[];

	constructor(private readonly storage: FlashStorage | null = null) {
		let ids: unknown = [];
		try {
			ids = JSON.parse(storage?.getItem(FLASH_STORAGE_KEY) ?? '[]');
		} catch {
			ids = [];
		}
		this.shown = Array.isArray(ids)
			? ids.filter((x): x is string => typeof x === 'string').slice(-FLASH_MEMORY)
			: [];
	}

	/**
	 * One update of the alert list. Returns the alert to flash, or null. `openedAt` is the map's
	 * time (the stream's clock, as detected_at) when this screen began to follow its alerts, null
	 * while it is not known: an alert first seen that was detected before then was there
	 * already, and is not news; one that escalated while the screen followed is.
	 */
	update<T extends Flashable>(
		list: readonly T[],
		changes: readonly FlashChange[],
		openedAt: number | null
	): T | null {
		for (const c of changes) {
			if (!c.becameCritical || this.shown.includes(c.id)) continue;
			const alert = list.find((a) => a.id === c.id);
			if (!alert || !UNACKNOWLEDGED.has(alert.status)) continue;
			if (c.added && (openedAt === null || alert.t < openedAt)) continue;
			this.remember(c.id);
			return alert;
		}
		return null;
	}

	/** Whether this screen has flashed the alert. */
	hasShown(id: string): boolean {
		return this.shown.includes(id);
	}

	private remember(id: string): void {
		this.shown.push(id);
		if (this.shown.length > FLASH_MEMORY) this.shown.splice(0, this.shown.length - FLASH_MEMORY);
		try {
			this.storage?.setItem(FLASH_STORAGE_KEY, JSON.stringify(this.shown));
		} catch {
			// Storage full or denied: the rule still holds for this page's life.
		}
	}
}
