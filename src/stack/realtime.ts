/**
 * Supabase Realtime's Broadcast over the Phoenix protocol, as @supabase/realtime-js speaks it:
 * `GET /realtime/v1/websocket?apikey=...&vsn=1.0.0|2.0.0`, channels `realtime:<topic>`, heartbeat
 * on topic `phoenix`, `phx_join` with `{config: {broadcast, presence, postgres_changes, private},
 * access_token}`, `access_token` refreshes, `phx_leave`, and broadcasts (JSON frames for vsn
 * 1.0.0; for vsn 2.0.0 the binary user-broadcast frames of realtime-js's serializer).
 *
 * Private channels are authorised as Supabase Realtime does (Realtime.Tenants.Authorization): in a
 * transaction that is rolled back, insert a realtime.messages row for the topic, switch to the
 * token's role with its claims and `realtime.topic`, and see whether RLS lets the role select it.
 *
 * Database broadcasts: realtime.send() inserts into realtime.messages and notifies
 * `realtime_messages` with the id; the ids are read in batches and each message is encoded once
 * per topic and protocol version, then written to every socket joined to that topic.
 */
import type { Db } from './pg-thread';
import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { API_ROLES, JwtError, verifyJwt, type Claims } from './jwt';
import { isSessionRevoked, onSessionRevoked } from './sessions';

/**
 * Limits per socket and client address, so that one client cannot make the server's or the
 * database's work unbounded. Supabase Realtime's defaults are 100 channels per client and 100
 * joins per second per project.
 */
export const REALTIME_LIMITS = {
	/** Channels one socket may have joined at once. */
	channelsPerSocket: 100,
	/** Joins per second per socket (a bucket of this many, refilled at this rate). */
	joinsPerSecond: 20,
	/** Frames waiting to be handled on one socket; beyond it the socket is closed (1008). */
	queuedFrames: 200,
	/** Open sockets per client address. */
	socketsPerAddress: 50
};

export interface RealtimeOptions {
	db: Db;
	jwtSecret: string;
	limits?: Partial<typeof REALTIME_LIMITS>;
	/** A socket that sent nothing (no heartbeat) for this long is closed. */
	idleTimeoutMs?: number;
	log?: (msg: string) => void;
}

type Vsn = '1.0.0' | '2.0.0';

interface Channel {
	topic: string;
	/** The topic without the `realtime:` prefix (what realtime.topic() returns). */
	sub: string;
	joinRef: string | null;
	private: boolean;
	claims: Claims;
	role: string;
	self: boolean;
	ack: boolean;
	/** Write permission for client broadcasts, checked on first use. */
	canWrite: boolean | null;
	expiry: ReturnType<typeof setTimeout> | null;
}

interface Client {
	ws: WebSocket;
	vsn: Vsn;
	address: string;
	/** Join tokens left, and when the bucket was last refilled. */
	joinTokens: number;
	joinRefill: number;
	lastSeen: number;
	apiClaims: Claims;
	channels: Map<string, Channel>;
	headers: string;
}

interface Msg {
	join_ref: string | null;
	ref: string | null;
	topic: string;
	event: string;
	payload: unknown;
}

/** A reply payload; for vsn 2.0.0 a JSON array, for 1.0.0 an object. */
function encode(vsn: Vsn, m: Msg): string {
	return vsn === '2.0.0'
		? JSON.stringify([m.join_ref, m.ref, m.topic, m.event, m.payload])
		: JSON.stringify(m);
}

const MAX_SEND_BUFFER = 32 * 1024 * 1024;
const USER_BROADCAST_PUSH = 3;
const USER_BROADCAST = 4;
const JSON_ENCODING = 1;

/**
 * Frames of one broadcast, built lazily once per protocol version and shared by all sockets.
 * `payloadJson` is the user payload as JSON text (straight from the database).
 */
class BroadcastFrames {
	private v1?: string;
	private v2?: string | Buffer;
	constructor(
		readonly topic: string,
		readonly event: string,
		readonly payloadJson: string
	) {}

	private envelope() {
		return `{"type":"broadcast","event":${JSON.stringify(this.event)},"payload":${this.payloadJson}}`;
	}

	get(vsn: Vsn): string | Buffer {
		if (vsn === '1.0.0') {
			this.v1 ??= `{"topic":${JSON.stringify(this.topic)},"event":"broadcast","payload":${this.envelope()},"ref":null,"join_ref":null}`;
			return this.v1;
		}
		if (this.v2 === undefined) {
			const topic = Buffer.from(this.topic);
			const event = Buffer.from(this.event);
			if (topic.length > 255 || event.length > 255) {
				this.v2 = `[null,null,${JSON.stringify(this.topic)},"broadcast",${this.envelope()}]`;
			} else {
				const payload = Buffer.from(this.payloadJson);
				const head = Buffer.from([USER_BROADCAST, topic.length, event.length, 0, JSON_ENCODING]);
				this.v2 = Buffer.concat([head, topic, event, payload]);
			}
		}
		return this.v2;
	}
}

class ProtocolError extends Error {}

/** Decodes a client frame of either protocol version; throws ProtocolError on nonsense. */
function decode(vsn: Vsn, data: RawData, isBinary: boolean): Msg {
	if (isBinary) {
		const buf = Array.isArray(data)
			? Buffer.concat(data)
			: Buffer.isBuffer(data)
				? data
				: Buffer.from(data as ArrayBuffer);
		if (vsn !== '2.0.0' || buf.length < 7 || buf[0] !== USER_BROADCAST_PUSH) {
			throw new ProtocolError('unsupported binary frame');
		}
		const [, joinRefLen, refLen, topicLen, eventLen, metaLen, encoding] = buf;
		let o = 7;
		const take = (n: number) => {
			if (o + n > buf.length) throw new ProtocolError('truncated binary frame');
			const s = buf.subarray(o, o + n).toString('utf8');
			o += n;
			return s;
		};
		const join_ref = take(joinRefLen);
		const ref = take(refLen);
		const topic = take(topicLen);
		const event = take(eventLen);
		const meta = take(metaLen);
		const rest = buf.subarray(o);
		if (encoding !== JSON_ENCODING)
			throw new ProtocolError('binary broadcast payloads are not supported');
		let payload: unknown;
		try {
			payload = rest.length ? JSON.parse(rest.toString('utf8')) : {};
			if (meta) JSON.parse(meta);
		} catch {
			throw new ProtocolError('invalid JSON in binary frame');
		}
		return {
			join_ref: join_ref || null,
			ref: ref || null,
			topic,
			event: 'broadcast',
			payload: { type: 'broadcast', event, payload }
		};
	}
	const text = Array.isArray(data) ? Buffer.concat(data).toString('utf8') : data.toString();
	let v: unknown;
	try {
		v = JSON.parse(text);
	} catch {
		throw new ProtocolError('invalid JSON');
	}
	let m: Partial<Msg>;
	if (Array.isArray(v)) {
		if (v.length !== 5) throw new ProtocolError('expected [join_ref, ref, topic, event, payload]');
		m = { join_ref: v[0], ref: v[1], topic: v[2], event: v[3], payload: v[4] };
	} else if (v && typeof v === 'object') {
		m = v as Partial<Msg>;
	} else throw new ProtocolError('expected a message');
	const str = (x: unknown) => x === null || x === undefined || typeof x === 'string';
	if (
		typeof m.topic !== 'string' ||
		typeof m.event !== 'string' ||
		!str(m.ref) ||
		!str(m.join_ref)
	) {
		throw new ProtocolError('topic and event must be strings, refs strings or null');
	}
	if (m.topic.length > 1024 || m.event.length > 255)
		throw new ProtocolError('topic or event too long');
	return {
		join_ref: m.join_ref ?? null,
		ref: m.ref ?? null,
		topic: m.topic,
		event: m.event,
		payload: m.payload ?? {}
	};
}

function isObject(v: unknown): v is Record<string, unknown> {
	return !!v && typeof v === 'object' && !Array.isArray(v);
}

export function createRealtime(opts: RealtimeOptions) {
	const { db } = opts;
	const log = opts.log ?? ((m: string) => console.error(m));
	const idleTimeout = opts.idleTimeoutMs ?? 60_000;
	const limits = { ...REALTIME_LIMITS, ...opts.limits };
	const perAddress = new Map<string, number>();
	const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
	const clients = new Set<Client>();
	/** `${private ? 1 : 0}:${topic}` -> joined (client, channel) pairs. */
	const subs = new Map<string, Map<Client, Channel>>();
	let refuseUntil = 0;
	let idType = 'uuid';
	let unlisten: (() => Promise<void>) | null = null;
	let pending: string[] = [];
	let flushing: Promise<void> | null = null;
	const stats = { delivered: 0, frames: 0 };

	const subKey = (priv: boolean, sub: string) => `${priv ? 1 : 0}:${sub}`;

	function sendFrame(c: Client, frame: string | Buffer) {
		if (c.ws.readyState !== WebSocket.OPEN) return;
		if (c.ws.bufferedAmount > MAX_SEND_BUFFER) {
			log('realtime: closing a socket that does not keep up');
			c.ws.terminate();
			return;
		}
		c.ws.send(frame);
	}

	function push(c: Client, m: Msg) {
		sendFrame(c, encode(c.vsn, m));
	}

	function reply(c: Client, m: Msg, status: 'ok' | 'error', response: unknown = {}) {
		push(c, {
			join_ref: m.join_ref,
			ref: m.ref,
			topic: m.topic,
			event: 'phx_reply',
			payload: { status, response }
		});
	}

	function removeChannel(c: Client, ch: Channel) {
		if (ch.expiry) clearTimeout(ch.expiry);
		c.channels.delete(ch.topic);
		const key = subKey(ch.private, ch.sub);
		const set = subs.get(key);
		if (set && set.get(c) === ch) {
			set.delete(c);
			if (set.size === 0) subs.delete(key);
		}
	}

	function closeChannel(c: Client, ch: Channel, message: string) {
		push(c, {
			join_ref: ch.joinRef,
			ref: null,
			topic: ch.topic,
			event: 'system',
			payload: { message, status: 'error', extension: 'system', channel: ch.sub }
		});
		push(c, {
			join_ref: ch.joinRef,
			ref: ch.joinRef,
			topic: ch.topic,
			event: 'phx_close',
			payload: {}
		});
		removeChannel(c, ch);
	}

	function verify(token: string): { claims: Claims; role: string } {
		const claims = verifyJwt(token, opts.jwtSecret);
		const role = claims.role ?? 'anon';
		if (!API_ROLES.has(role)) throw new JwtError(`role "${role}" is not allowed`);
		if (isSessionRevoked(claims)) throw new JwtError('session has ended (signed out)');
		return { claims, role };
	}

	function scheduleExpiry(c: Client, ch: Channel) {
		if (ch.expiry) clearTimeout(ch.expiry);
		ch.expiry = null;
		if (typeof ch.claims.exp !== 'number') return;
		const ms = ch.claims.exp * 1000 - Date.now();
		if (ms > 2 ** 31 - 1) return;
		ch.expiry = setTimeout(
			() => closeChannel(c, ch, 'Token has expired 0 seconds ago'),
			Math.max(0, ms)
		);
	}

	/** Whether RLS on realtime.messages lets the role read (or write) this topic's broadcasts. */
	async function authorize(
		c: Client,
		ch: Pick<Channel, 'sub' | 'role' | 'claims'>,
		write: boolean
	) {
		let allowed = false;
		await db.transaction(async (tx) => {
			let id: unknown = null;
			if (!write) {
				const ins = await tx.query<{ id: unknown }>(
					`insert into realtime.messages (topic, extension, private) values ($1, 'broadcast', true)
					 returning id`,
					[ch.sub]
				);
				id = ins.rows[0]?.id;
			}
			await tx.query(
				`select set_config('role', $1, true), set_config('realtime.topic', $2, true),
				        set_config('request.jwt.claims', $3, true),
				        set_config('request.jwt.claim.sub', $4, true),
				        set_config('request.jwt.claim.role', $1, true),
				        set_config('request.headers', $5, true)`,
				[
					ch.role,
					ch.sub,
					JSON.stringify(ch.claims),
					typeof ch.claims.sub === 'string' ? ch.claims.sub : '',
					c.headers
				]
			);
			try {
				if (write) {
					await tx.exec('savepoint w');
					await tx.query(
						`insert into realtime.messages (topic, extension, private) values ($1, 'broadcast', true)`,
						[ch.sub]
					);
					allowed = true;
				} else {
					const r = await tx.query(
						`select 1 from realtime.messages where topic = $1 and extension = 'broadcast' and id = $2`,
						[ch.sub, id]
					);
					allowed = r.rows.length > 0;
				}
			} catch (e) {
				if ((e as { code?: string }).code !== '42501') throw e;
				allowed = false;
			}
			await tx.rollback();
		});
		return allowed;
	}

	async function join(c: Client, m: Msg) {
		if (!m.topic.startsWith('realtime:')) {
			reply(c, m, 'error', { reason: 'Topics must start with realtime:' });
			return;
		}
		if (!c.channels.has(m.topic) && c.channels.size >= limits.channelsPerSocket) {
			reply(c, m, 'error', {
				reason: `Too many channels: at most ${limits.channelsPerSocket} per connection`
			});
			return;
		}
		const now = Date.now();
		c.joinTokens = Math.min(
			limits.joinsPerSecond,
			c.joinTokens + ((now - c.joinRefill) / 1000) * limits.joinsPerSecond
		);
		c.joinRefill = now;
		if (c.joinTokens < 1) {
			reply(c, m, 'error', {
				reason: `Too many joins: at most ${limits.joinsPerSecond} per second per connection`
			});
			return;
		}
		c.joinTokens -= 1;
		const p = isObject(m.payload) ? m.payload : {};
		const config = isObject(p.config) ? p.config : {};
		const broadcast = isObject(config.broadcast) ? config.broadcast : {};
		const pgChanges = Array.isArray(config.postgres_changes) ? config.postgres_changes : [];
		if (pgChanges.length > 0) {
			reply(c, m, 'error', {
				reason: 'The local stack supports Broadcast only, not Postgres Changes'
			});
			return;
		}
		if (p.access_token !== undefined && typeof p.access_token !== 'string') {
			reply(c, m, 'error', { reason: 'access_token must be a string' });
			return;
		}
		let auth: { claims: Claims; role: string };
		try {
			auth = p.access_token
				? verify(p.access_token as string)
				: { claims: c.apiClaims, role: c.apiClaims.role ?? 'anon' };
		} catch (e) {
			const expired = e instanceof JwtError && e.expired;
			reply(c, m, 'error', {
				reason: expired ? 'Token has expired 0 seconds ago' : `Invalid JWT: ${(e as Error).message}`
			});
			return;
		}
		const ch: Channel = {
			topic: m.topic,
			sub: m.topic.slice('realtime:'.length),
			joinRef: m.join_ref ?? m.ref,
			private: config.private === true,
			claims: auth.claims,
			role: auth.role,
			self: broadcast.self === true,
			ack: broadcast.ack === true,
			canWrite: null,
			expiry: null
		};
		if (ch.private && !(await authorize(c, ch, false))) {
			reply(c, m, 'error', {
				reason: `Unauthorized: You do not have permissions to read from this Channel topic: ${ch.sub}`
			});
			return;
		}
		if (c.ws.readyState !== WebSocket.OPEN) return;
		const old = c.channels.get(m.topic);
		if (old) removeChannel(c, old);
		c.channels.set(m.topic, ch);
		const key = subKey(ch.private, ch.sub);
		let set = subs.get(key);
		if (!set) subs.set(key, (set = new Map()));
		set.set(c, ch);
		scheduleExpiry(c, ch);
		reply(c, m, 'ok', { postgres_changes: [] });
	}

	async function accessToken(c: Client, ch: Channel, m: Msg) {
		const token = isObject(m.payload) ? m.payload.access_token : undefined;
		if (typeof token !== 'string' || !token) return;
		try {
			const auth = verify(token);
			const next = { ...ch, claims: auth.claims, role: auth.role };
			if (ch.private && !(await authorize(c, next, false))) {
				closeChannel(
					c,
					ch,
					`You do not have permissions to read from this Channel topic: ${ch.sub}`
				);
				return;
			}
			ch.claims = auth.claims;
			ch.role = auth.role;
			ch.canWrite = null;
			scheduleExpiry(c, ch);
		} catch (e) {
			closeChannel(
				c,
				ch,
				e instanceof JwtError && e.expired
					? 'Token has expired 0 seconds ago'
					: `Invalid JWT: ${(e as Error).message}`
			);
		}
	}

	async function clientBroadcast(c: Client, ch: Channel, m: Msg) {
		const p = m.payload;
		if (!isObject(p) || typeof p.event !== 'string' || p.event.length > 255) {
			reply(c, m, 'error', { reason: 'broadcast payload must be {type, event, payload}' });
			return;
		}
		if (ch.private) {
			ch.canWrite ??= await authorize(c, ch, true);
			if (!ch.canWrite) {
				if (ch.ack)
					reply(c, m, 'error', {
						reason: 'You do not have permissions to write to this Channel topic'
					});
				return;
			}
		}
		const frames = new BroadcastFrames(ch.topic, p.event, JSON.stringify(p.payload ?? {}));
		const set = subs.get(subKey(ch.private, ch.sub));
		for (const [other] of set ?? []) {
			if (other === c && !ch.self) continue;
			sendFrame(other, frames.get(other.vsn));
		}
		if (ch.ack) reply(c, m, 'ok');
	}

	async function onMessage(c: Client, data: RawData, isBinary: boolean) {
		c.lastSeen = Date.now();
		let m: Msg;
		try {
			m = decode(c.vsn, data, isBinary);
		} catch (e) {
			log(`realtime: dropped a bad frame: ${(e as Error).message}`);
			return;
		}
		try {
			if (m.topic === 'phoenix') {
				if (m.event === 'heartbeat') reply(c, m, 'ok');
				return;
			}
			if (m.event === 'phx_join') {
				await join(c, m);
				return;
			}
			const ch = c.channels.get(m.topic);
			if (!ch) {
				if (m.event !== 'phx_leave') reply(c, m, 'error', { reason: 'unmatched topic' });
				else reply(c, m, 'ok');
				return;
			}
			switch (m.event) {
				case 'phx_leave':
					reply(c, m, 'ok');
					removeChannel(c, ch);
					break;
				case 'access_token':
					await accessToken(c, ch, m);
					break;
				case 'broadcast':
					await clientBroadcast(c, ch, m);
					break;
				case 'presence':
					reply(c, m, 'error', { reason: 'Presence is not supported by the local stack' });
					break;
				default:
					reply(c, m, 'error', { reason: `unknown event ${m.event}` });
			}
		} catch (e) {
			log(`realtime: ${m.event} on ${m.topic} failed: ${(e as Error).message}`);
			if (m.ref) reply(c, m, 'error', { reason: 'Internal error' });
		}
	}

	/** Handles an HTTP upgrade on /realtime/v1/websocket. */
	function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, url: URL) {
		const refuse = (status: number, message: string) => {
			const body = JSON.stringify({ message });
			socket.end(
				`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Forbidden'}\r\n` +
					`content-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`
			);
		};
		if (Date.now() < refuseUntil) return refuse(503, 'Realtime is cut off (test hook)');
		if (url.pathname.replace(/\/+$/, '') !== '/realtime/v1/websocket')
			return refuse(404, 'Not found');
		const vsnParam = url.searchParams.get('vsn') ?? '1.0.0';
		if (vsnParam !== '1.0.0' && vsnParam !== '2.0.0')
			return refuse(400, `Unsupported vsn ${vsnParam}`);
		const apikey =
			url.searchParams.get('apikey') ??
			(typeof req.headers.apikey === 'string' ? req.headers.apikey : null);
		if (!apikey) return refuse(403, 'No apikey');
		let apiClaims: Claims;
		try {
			apiClaims = verify(apikey).claims;
		} catch (e) {
			return refuse(403, `Invalid apikey: ${(e as Error).message}`);
		}
		const headers: Record<string, string> = {};
		for (const h of ['user-agent', 'origin', 'x-forwarded-for']) {
			const v = req.headers[h];
			if (typeof v === 'string') headers[h] = v;
		}
		const address = req.socket.remoteAddress ?? '?';
		if ((perAddress.get(address) ?? 0) >= limits.socketsPerAddress) {
			return refuse(429, `Too many connections from this address (${limits.socketsPerAddress})`);
		}
		wss.handleUpgrade(req, socket, head, (ws) => {
			perAddress.set(address, (perAddress.get(address) ?? 0) + 1);
			const c: Client = {
				ws,
				vsn: vsnParam,
				address,
				joinTokens: limits.joinsPerSecond,
				joinRefill: Date.now(),
				lastSeen: Date.now(),
				apiClaims,
				channels: new Map(),
				headers: JSON.stringify(headers)
			};
			clients.add(c);
			// Frames are handled in order per socket: a join finishes before the next frame.
			let chain = Promise.resolve();
			let queued = 0;
			ws.on('message', (data, isBinary) => {
				if (++queued > limits.queuedFrames) {
					if (ws.readyState === WebSocket.OPEN) {
						log(
							`realtime: closed a socket from ${address}: over ${limits.queuedFrames} frames waiting`
						);
						ws.close(1008, 'Too many frames waiting');
						setTimeout(() => ws.terminate(), 2000).unref();
					}
					return;
				}
				chain = chain.then(() => onMessage(c, data, isBinary)).finally(() => queued--);
			});
			ws.on('close', () => {
				const n = (perAddress.get(address) ?? 1) - 1;
				if (n > 0) perAddress.set(address, n);
				else perAddress.delete(address);
				clients.delete(c);
				for (const ch of [...c.channels.values()]) removeChannel(c, ch);
			});
			ws.on('error', () => ws.terminate());
		});
	}

	async function flush() {
		while (pending.length) {
			const ids = pending;
			pending = [];
			const r = await db.query<{
				topic: string;
				event: string | null;
				payload: string | null;
				private: boolean | null;
			}>(
				`select m.topic, m.event, m.payload::text as payload, m.private
				   from unnest($1::${idType}[]) with ordinality as i(id, n)
				   join realtime.messages m on m.id = i.id
				  order by i.n`,
				[`{${ids.map((id) => `"${id.replace(/["\\]/g, '')}"`).join(',')}}`]
			);
			for (const row of r.rows) {
				const set = subs.get(subKey(row.private !== false, row.topic));
				if (!set || set.size === 0) continue;
				const frames = new BroadcastFrames(
					`realtime:${row.topic}`,
					row.event ?? '',
					row.payload ?? '{}'
				);
				for (const [c] of set) {
					sendFrame(c, frames.get(c.vsn));
					stats.frames++;
				}
				stats.delivered++;
			}
		}
	}

	function onNotify(id: string) {
		if (typeof id !== 'string' || !id || id.length > 64) return;
		pending.push(id);
		if (!flushing) {
			flushing = new Promise<void>((resolve) => setImmediate(resolve))
				.then(flush)
				.catch((e) => log(`realtime: delivering messages failed: ${(e as Error).message}`))
				.finally(() => {
					flushing = null;
					if (pending.length) onNotify(pending.pop()!);
				});
		}
	}

	let janitor: ReturnType<typeof setInterval> | null = null;
	/** A signed-out session: close at once every channel joined with one of its tokens. */
	const stopRevocations = onSessionRevoked((sessionId) => {
		for (const c of clients)
			for (const ch of [...c.channels.values()])
				if (ch.claims.session_id === sessionId)
					closeChannel(c, ch, 'Session has ended (signed out)');
	});

	async function start() {
		const t = await db.query<{ type: string }>(
			`select format_type(a.atttypid, a.atttypmod) as type from pg_attribute a
			  where a.attrelid = 'realtime.messages'::regclass and a.attname = 'id'`
		);
		idType = t.rows[0]?.type ?? 'uuid';
		if (!/^[a-z ]+$/.test(idType))
			throw new Error(`realtime.messages.id has an unexpected type ${idType}`);
		unlisten = await db.listen('realtime_messages', onNotify);
		janitor = setInterval(() => {
			const now = Date.now();
			for (const c of clients) if (now - c.lastSeen > idleTimeout) c.ws.terminate();
			// Realtime keeps messages only briefly (Supabase drops daily partitions after 3 days).
			db.query(
				`delete from realtime.messages where inserted_at < now() - interval '15 minutes'`
			).catch(() => {});
		}, 15_000);
		janitor.unref();
	}

	/** Test hook: drops every socket and refuses new ones for `ms`. */
	function cut(ms: number) {
		refuseUntil = Date.now() + ms;
		for (const c of clients) c.ws.terminate();
	}

	async function close() {
		stopRevocations();
		if (janitor) clearInterval(janitor);
		for (const c of clients) c.ws.close(1001, 'server shutting down');
		wss.close();
		if (unlisten) await unlisten().catch(() => {});
		await flushing;
	}

	return { start, upgrade, cut, close, stats, clientCount: () => clients.size };
}
