/**
 * HTML to the plain text a reader sees, without a DOM or an HTML library, for the `content` of
 * Mastodon statuses. Pure module: no UI, map, database or Node imports.
 *
 * The input is hostile. The output is text that is never rendered as HTML, but it must be the text
 * a human would read, and no markup may survive as markup:
 * - every tag is removed, attributes and all (a `>` inside a quoted attribute value does not end
 *   the tag; a tag cut off by the end of the input is dropped, not kept as text);
 * - the content of script, style, template, iframe, noscript, noembed, noframes, title and xmp is
 *   dropped up to the matching end tag (to the end of the input when there is none);
 * - comments, `<!…>` and `<?…>` are dropped;
 * - a `<` that cannot start a tag ("a < b") is text, as in a browser;
 * - character references are decoded once, in one pass: `&amp;lt;` becomes the text "&lt;", never
 *   "<". Decoded "<b>" is text the author typed, shown as such. Numeric references to U+0000, to
 *   surrogates or beyond U+10FFFF become U+FFFD (as an HTML parser does); a raw U+0000 does too.
 *   Unknown named references stay as written;
 * - whitespace collapses as a browser shows it (not inside <pre>); a no-break space becomes a plain
 *   space, so place names match;
 * - <p> is a paragraph (a blank line between paragraphs), <br> a line break, other block elements
 *   (div, li, blockquote, h1-h6, pre, tr, …) a line break.
 * Mastodon shortens long links for display with `<span class="invisible">https://</span>`,
 * `<span class="ellipsis">example.com/long/pa</span><span class="invisible">th</span>`. The text
 * kept is the link as posted, in full (all three spans), as the author typed it and as an analyst
 * needs it, not the shortened display form: spans are plain inline text whatever their class.
 * Other servers shorten the text of the link itself (Bridgy Fed carries a Bluesky post's
 * `<a href="https://bsky.app/profile/…/post/…">bsky.app/profile/h4lc...</a>` over): a link whose
 * whole text is a prefix of its http(s) href ending in "..." or "…" becomes the href.
 */
import { isShortenedLink } from './links';

/** Elements whose content is never shown as text (or is script), dropped with the element. */
const DROP = new Set([
	'script',
	'style',
	'template',
	'iframe',
	'noscript',
	'noembed',
	'noframes',
	'title',
	'xmp'
]);

const BLOCK = new Set([
	'address',
	'article',
	'aside',
	'blockquote',
	'dd',
	'div',
	'dl',
	'dt',
	'figcaption',
	'figure',
	'footer',
	'h1',
	'h2',
	'h3',
	'h4',
	'h5',
	'h6',
	'header',
	'hr',
	'li',
	'ol',
	'pre',
	'section',
	'table',
	'tr',
	'ul'
]);

const NAMED: Record<string, string> = {
	amp: '&',
	lt: '<',
	gt: '>',
	quot: '"',
	apos: "'",
	nbsp: '\u00a0',
	shy: '\u00ad',
	hellip: '…',
	mdash: '—',
	ndash: '–',
	lsquo: '‘',
	rsquo: '’',
	sbquo: '‚',
	ldquo: '“',
	rdquo: '”',
	bdquo: '„',
	laquo: '«',
	raquo: '»',
	bull: '•',
	middot: '·',
	deg: '°',
	euro: '€',
	pound: '£',
	copy: '©',
	reg: '®',
	trade: '™',
	times: '×',
	divide: '÷',
	aacute: 'á',
	agrave: 'à',
	acirc: 'â',
	auml: 'ä',
	ccedil: 'ç',
	eacute: 'é',
	egrave: 'è',
	ecirc: 'ê',
	euml: 'ë',
	iacute: 'í',
	igrave: 'ì',
	icirc: 'î',
	iuml: 'ï',
	ntilde: 'ñ',
	oacute: 'ó',
	ograve: 'ò',
	ocirc: 'ô',
	ouml: 'ö',
	uacute: 'ú',
	ugrave: 'ù',
	ucirc: 'û',
	uuml: 'ü',
	szlig: 'ß',
	Eacute: 'É',
	Euml: 'Ë',
	Iuml: 'Ï',
	Ouml: 'Ö',
	Uuml: 'Ü',
	Auml: 'Ä',
	zwj: '\u200d',
	zwnj: '\u200c'
};

const REF_RE = /&(?:#([0-9]+);?|#[xX]([0-9a-fA-F]+);?|([A-Za-z][A-Za-z0-9]{0,31});)/g;

/** Decode character references in one pass (each is decoded once). */
export function decodeEntities(s: string): string {
	if (s.indexOf('&') === -1) return s;
	return s.replace(REF_RE, (whole, dec?: string, hex?: string, name?: string) => {
		if (name !== undefined) return Object.hasOwn(NAMED, name) ? NAMED[name] : whole;
		const n = dec !== undefined ? parseInt(dec, 10) : parseInt(hex as string, 16);
		if (!(n > 0 && n <= 0x10ffff) || (n >= 0xd800 && n <= 0xdfff)) return '\ufffd';
		return String.fromCodePoint(n);
	});
}

const NAME_START = /[A-Za-z]/;
const TAG_NAME_RE = /[A-Za-z][^\t\n\f\r />]*/y;

/**
 * Index just after the `>` that ends the tag whose attributes start at `i`, or -1 when the input
 * ends first. A quote right after `=` opens a quoted value that runs to the same quote.
 */
function tagEnd(html: string, i: number): number {
	let prev = '';
	for (let j = i; j < html.length; j++) {
		const c = html[j];
		if (c === '>') return j + 1;
		if ((c === '"' || c === "'") && prev === '=') {
			const close = html.indexOf(c, j + 1);
			if (close === -1) return -1;
			j = close;
			prev = c;
			continue;
		}
		if (c !== ' ' && c !== '\t' && c !== '\n' && c !== '\r' && c !== '\f') prev = c;
	}
	return -1;
}

/**
 * The value of attribute `name` in the attribute part of a start tag (character references
 * decoded), or undefined. Names, `=` and quoted or unquoted values as an HTML tokenizer reads
 * them, so a quoted value that holds `href=` is not taken for the attribute.
 */
export function attribute(attrs: string, name: string): string | undefined {
	const re =
		/[\t\n\f\r /]*([^\t\n\f\r />][^\t\n\f\r />=]*)(?:[\t\n\f\r ]*=[\t\n\f\r ]*(?:"([^"]*)"?|'([^']*)'?|([^\t\n\f\r >]*)))?/y;
	let i = 0;
	while (i < attrs.length) {
		re.lastIndex = i;
		const m = re.exec(attrs);
		if (!m || m[0] === '') break;
		i = re.lastIndex;
		if (m[1].toLowerCase() === name) return decodeEntities(m[2] ?? m[3] ?? m[4] ?? '');
	}
	return undefined;
}

/**
 * The text written so far, as pieces (so that a link's text can be replaced without copying all
 * that came before it: linear time however many links), with the line breaks and the space owed
 * before the next text.
 */
class TextOut {
	private parts: string[] = [];
	/** Line breaks owed before the next text. */
	breaks = 0;
	/** A collapsed space owed before the next text. */
	space = false;

	block(n: number): void {
		if (n > this.breaks) this.breaks = n;
	}

	br(): void {
		this.breaks++;
	}

	/** The last character written, or '' before any. */
	private lastChar(): string {
		for (let i = this.parts.length - 1; i >= 0; i--) {
			const p = this.parts[i];
			if (p !== '') return p[p.length - 1];
		}
		return '';
	}

	private trimTrailingSpaces(): void {
		while (this.parts.length > 0) {
			const last = this.parts[this.parts.length - 1];
			const t = last.replace(/ +$/, '');
			if (t !== '') {
				this.parts[this.parts.length - 1] = t;
				return;
			}
			this.parts.pop();
		}
	}

	private flush(): void {
		if (this.lastChar() === '') {
			this.breaks = 0;
			this.space = false;
			return;
		}
		if (this.breaks > 0) {
			this.trimTrailingSpaces();
			this.parts.push('\n'.repeat(this.breaks));
			this.breaks = 0;
			this.space = false;
		} else if (this.space) {
			const c = this.lastChar();
			if (c !== '\n' && c !== ' ') this.parts.push(' ');
			this.space = false;
		}
	}

	text(raw: string, pre: boolean): void {
		let t = decodeEntities(raw).replaceAll('\u0000', '\ufffd');
		if (pre) {
			t = t.replace(/\r\n?/g, '\n').replace(/\u00a0/g, ' ');
			if (t === '') return;
			this.flush();
			this.parts.push(t);
			return;
		}
		t = t.replace(/[\t\n\f\r ]+/g, ' ').replace(/\u00a0/g, ' ');
		if (t === '') return;
		if (t === ' ') {
			this.space = true;
			return;
		}
		const lead = t.startsWith(' ');
		const trail = t.endsWith(' ');
		const core = t.slice(lead ? 1 : 0, trail ? t.length - 1 : t.length);
		if (lead) this.space = true;
		this.flush();
		this.parts.push(core);
		this.space = trail;
	}

	/** A mark for `since` and `replaceSince`. */
	mark(): number {
		return this.parts.length;
	}

	/** What was written since `mark`, without the whitespace owed before it. */
	since(mark: number): string {
		return this.parts
			.slice(mark)
			.join('')
			.replace(/^[ \n]*/, '');
	}

	/** Replace what was written since `mark` (after the whitespace owed before it) by `text`. */
	replaceSince(mark: number, text: string): void {
		const lead = /^[ \n]*/.exec(this.parts.slice(mark).join(''))![0];
		this.parts.length = mark;
		this.parts.push(lead + text);
	}

	done(): string {
		return this.parts.join('').replace(/^[ \n]+|[ \n]+$/g, '');
	}
}

/** The plain text a reader sees of an HTML fragment (see the module comment for the rules). */
export function htmlToText(html: string): string {
	const o = new TextOut();
	let pre = 0;
	/** The open link: its http(s) href and where its text starts in the output. */
	let link: { href: string; start: number } | undefined;
	let i = 0;
	const n = html.length;
	while (i < n) {
		const lt = html.indexOf('<', i);
		if (lt === -1) {
			o.text(html.slice(i), pre > 0);
			break;
		}
		if (lt > i) o.text(html.slice(i, lt), pre > 0);
		i = lt;
		const next = html[i + 1];
		if (next !== undefined && NAME_START.test(next)) {
			// Start tag.
			const i0 = i;
			TAG_NAME_RE.lastIndex = i + 1;
			const m = TAG_NAME_RE.exec(html) as RegExpExecArray;
			const name = m[0].toLowerCase();
			const end = tagEnd(html, i + 1 + m[0].length);
			if (end === -1) break; // cut off by the end of the input: dropped
			i = end;
			if (DROP.has(name)) {
				const close = new RegExp(`</${name}(?=[\\t\\n\\f\\r />])`, 'gi');
				close.lastIndex = i;
				const c = close.exec(html);
				if (!c) break;
				const after = tagEnd(html, c.index + 2 + name.length);
				if (after === -1) break;
				i = after;
				continue;
			}
			if (name === 'br') o.br();
			else if (name === 'p') o.block(2);
			else if (BLOCK.has(name)) o.block(1);
			if (name === 'pre' && !html.slice(0, end).endsWith('/>')) pre++;
			if (name === 'a') {
				const href = attribute(html.slice(i0 + 1 + m[0].length, end - 1), 'href');
				link =
					// eslint-disable-next-line no-control-regex
					href !== undefined && /^https?:\/\/[^\s\u0000-\u001f\u007f]+$/i.test(href)
						? { href, start: o.mark() }
						: undefined;
			}
			continue;
		}
		if (next === '/') {
			const after = html[i + 2];
			if (after === '>') {
				i += 3;
				continue;
			}
			if (after !== undefined && NAME_START.test(after)) {
				TAG_NAME_RE.lastIndex = i + 2;
				const m = TAG_NAME_RE.exec(html) as RegExpExecArray;
				const name = m[0].toLowerCase();
				const end = tagEnd(html, i + 2 + m[0].length);
				if (end === -1) break;
				i = end;
				if (name === 'p') o.block(2);
				else if (BLOCK.has(name)) o.block(1);
				if (name === 'pre' && pre > 0) pre--;
				if (name === 'a' && link) {
					const shown = o.since(link.start);
					if (!shown.includes('\n') && isShortenedLink(shown, link.href, true))
						o.replaceSince(link.start, link.href);
					link = undefined;
				}
				continue;
			}
			// `</` then something else: a bogus comment up to the next `>`.
			const gt = html.indexOf('>', i + 2);
			if (gt === -1) break;
			i = gt + 1;
			continue;
		}
		if (next === '!') {
			if (html.startsWith('<!--', i)) {
				if (html.startsWith('<!-->', i)) {
					i += 5;
					continue;
				}
				if (html.startsWith('<!--->', i)) {
					i += 6;
					continue;
				}
				const close = html.indexOf('-->', i + 4);
				if (close === -1) break;
				i = close + 3;
				continue;
			}
			const gt = html.indexOf('>', i + 2);
			if (gt === -1) break;
			i = gt + 1;
			continue;
		}
		if (next === '?') {
			const gt = html.indexOf('>', i + 2);
			if (gt === -1) break;
			i = gt + 1;
			continue;
		}
		// A `<` that starts no tag is text.
		o.text('<', pre > 0);
		i++;
	}
	return o.done();
}
