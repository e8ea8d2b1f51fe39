/**
 * A server-sent events parser (the event-stream format of the HTML standard, section 9.2): feed it
 * text as it arrives, split anywhere, and get the complete events. Pure module: no UI, map,
 * database or Node imports. Decoding bytes to text is the caller's (a TextDecoder with
 * `{stream: true}`, so a multi-byte character split between chunks is decoded whole).
 *
 * - lines end with CRLF, LF or CR (a CR at the end of one chunk and an LF at the start of the next
 *   are one line end);
 * - `data:` lines append to the data (joined with "\n"); `event:` sets the type; `id:` the last
 *   event id (ignored when it holds U+0000); `retry:` (digits only) the reconnection time;
 *   a single space after the colon is dropped; a line without a colon is a field with no value;
 *   unknown fields are ignored;
 * - a line that starts with ":" is a comment (Mastodon's heartbeat `:thump`): counted in
 *   `comments` and passed to `onComment`;
 * - a blank line dispatches the event; an event with no data line is not dispatched; the type is
 *   "message" when no `event:` line gave one;
 * - a byte order mark at the very start is dropped;
 * - an event or a line longer than `maxEventChars` (default 8 MiB) is dropped whole, counted in
 *   `dropped`, so a hostile server cannot grow the buffer without bound.
 */

export interface SseEvent {
	event: string;
	data: string;
	/** The last event id, when the stream set one. */
	id?: string;
}

export interface SseParserOptions {
	maxEventChars?: number;
	onComment?: (text: string) => void;
}

export interface SseParser {
	/** Parse the next piece of the stream; returns the events it completed. */
	feed(chunk: string): SseEvent[];
	/** The stream ended: an event without its blank line is not dispatched (per the standard). */
	end(): SseEvent[];
	readonly comments: number;
	readonly dropped: number;
	/** The reconnection time in ms the server asked for with `retry:`, if any. */
	readonly retry: number | undefined;
	readonly lastEventId: string;
}

export function createSseParser(opts: SseParserOptions = {}): SseParser {
	const max = opts.maxEventChars ?? 8 * 1024 * 1024;
	let line = '';
	let started = false;
	let afterCR = false;
	let data: string[] = [];
	let dataChars = 0;
	let type = '';
	let lastEventId = '';
	let retry: number | undefined;
	let comments = 0;
	let dropped = 0;
	/** Dropping the current over-long event until its blank line. */
	let skipping = false;
	/** Dropping the rest of an over-long line until its line end. */
	let discardLine = false;

	function resetEvent(): void {
		data = [];
		dataChars = 0;
		type = '';
	}

	function processLine(l: string, out: SseEvent[]): void {
		if (l === '') {
			if (skipping) {
				skipping = false;
				resetEvent();
				return;
			}
			if (data.length > 0) {
				const e: SseEvent = { event: type || 'message', data: data.join('\n') };
				if (lastEventId !== '') e.id = lastEventId;
				out.push(e);
			}
			resetEvent();
			return;
		}
		if (skipping) return;
		if (l.startsWith(':')) {
			comments++;
			opts.onComment?.(l.slice(1));
			return;
		}
		const colon = l.indexOf(':');
		const field = colon === -1 ? l : l.slice(0, colon);
		let value = colon === -1 ? '' : l.slice(colon + 1);
		if (value.startsWith(' ')) value = value.slice(1);
		switch (field) {
			case 'data':
				dataChars += value.length + 1;
				if (dataChars > max) {
					dropped++;
					skipping = true;
					resetEvent();
					return;
				}
				data.push(value);
				break;
			case 'event':
				type = value;
				break;
			case 'id':
				if (!value.includes('\u0000')) lastEventId = value;
				break;
			case 'retry':
				if (/^[0-9]+$/.test(value)) retry = Number(value);
				break;
		}
	}

	function feed(chunk: string): SseEvent[] {
		const out: SseEvent[] = [];
		let s = chunk;
		if (!started && s.length > 0) {
			started = true;
			if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
		}
		let i = 0;
		if (afterCR && s.startsWith('\n')) i = 1;
		afterCR = false;
		while (i < s.length) {
			let j = i;
			while (j < s.length) {
				const c = s.charCodeAt(j);
				if (c === 10 || c === 13) break;
				j++;
			}
			if (j === s.length) {
				if (!discardLine) line += s.slice(i);
				if (line.length > max) {
					// An endless line: drop it and the event it belongs to.
					if (!skipping) dropped++;
					skipping = true;
					discardLine = true;
					resetEvent();
					line = '';
				}
				break;
			}
			if (discardLine) discardLine = false;
			else processLine(line + s.slice(i, j), out);
			line = '';
			if (s.charCodeAt(j) === 13) {
				if (j + 1 === s.length) afterCR = true;
				else if (s.charCodeAt(j + 1) === 10) j++;
			}
			i = j + 1;
		}
		return out;
	}

	return {
		feed,
		end() {
			line = '';
			resetEvent();
			skipping = false;
			discardLine = false;
			return [];
		},
		get comments() {
			return comments;
		},
		get dropped() {
			return dropped;
		},
		get retry() {
			return retry;
		},
		get lastEventId() {
			return lastEventId;
		}
	};
}
