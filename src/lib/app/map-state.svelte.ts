/**
 * The live map's state and its engine, shared by context (as svelte-maplibre shares its map):
 * the page creates one MapState, the panels read it with getMapState().
 *
 * Slices:
 * - view: language, time window, layer toggles, zoom (what the user chose);
 * - ui: hover, notice, the critical flash (per incident), the open incident view;
 * - playback: the clock (scenario clock in replay, the stream clock live), the status;
 * - data: LiveData (posts, analyses), the layers, alerts, incidents, help calls, counts, who is
 *   signed in.
 *
 * The engine: a scenario clock drives a feed follower; each batch of posts is applied
 * incrementally to LiveData; layers are rebuilt from typed-array slices at a steady cadence, and
 * the aggregated views (hexagons, corridors, area rates) on a slower one. Live mode reads the
 * signed-in role's posts through LiveConnection (src/lib/app/live-connection.ts); replay reads the
 * built-in scenario from the server.
 */
import { getContext, setContext } from 'svelte';
import type { Layer, PickingInfo } from '@deck.gl/core';
import type { Map as MlMap } from 'maplibre-gl';
import type { MapboxOverlay } from '@deck.gl/mapbox';
import type { AreaDef } from '../areas/areas';
import { FeedFollower, type FeedSink } from '../feed/follower';
import type { PostFeed } from '../feed/feed';
import { validateLocatedBatch } from '../feed/located';
import { ScenarioFeed } from '../feed/scenario-feed';
import { metresPerPixel, type RasterView } from '../heat/raster';
import { TEXTS, type Lang } from '../i18n';
import { LocalAnalyses } from '../map/analyses';
import type { HelpCall } from '../map/help';
import { sameSourceStates, type SourceState } from '../map/source-health';
import {
	buildLayers,
	createLayerCaches,
	hoverFor,
	parseLayersParam,
	type LayerToggles
} from '../layers/registry';
import type { Hover } from '../layers/types';
import {
	HEAT_CELL_PX,
	HEAT_SIGMA_M,
	HEAT_SIGMA_PX_MAX,
	HEAT_SIGMA_PX_MIN,
	HISTORY_MS,
	LiveData,
	type Derived
} from '../map/live-data';
import { WorkerAnalyses } from '../map/worker-analyses';
import type { LocatedPost } from '../posts/post';
import type { ScenarioInfo } from '../scenario/types';
import type { MapAlert } from '../supabase/alerts';
import {
	isActive,
	mayAct,
	type IncidentAction,
	type IncidentDetail,
	type IncidentRow
} from '../supabase/incidents';
import { createSupabase, type AppConfig } from '../supabase/client';
import { DEMO_PASSWORD, DEMO_USERS, demoEmail, demoUser } from '../supabase/demo-users';
import type { BBox } from '../supabase/live-sync';
import { isNational, type Me } from '../supabase/topics';
import { ScenarioClock, SPEEDS, WINDOWS, type WindowId } from '../time/clock';
import { FlashRule } from './flash';
import { WallDirector, WALL_CYCLE_MS, type WallItem, type WallTarget } from './wall';
import { flashable, incidentAt } from './incident-format';
import { LiveConnection, type LiveFeedLike } from './live-connection';
import { PlanBook } from './plans.svelte';
import { HelpStateBook } from './help-states.svelte';
import { TriageBook } from './triage.svelte';
import { canAct, liveStatus, replayStatus, type StatusResult } from './status';
import { supabasePort } from './supabase-port';
import { createViewAudit } from './view-audit';
import {
	modeSearch,
	parseViewParams,
	resolveMode,
	withParams,
	type Mode,
	type ViewParams
} from './view-params';

export interface MapPageData {
	scenario: ScenarioInfo;
	scenarios: { name: string; title: string }[];
	geodata: boolean;
	config: AppConfig | null;
	configError: string;
}

/** At most this many posts are applied to the map per animation frame. */
export const APPLY_PER_FRAME = 5000;
/** Live: the map's clock is moved back only when it runs ahead of the stream by more than this
 * much wall time (clock readings arrive late by their round trip). */
export const SEEK_BACK_WALL_MS = 3000;
/** A critical flash stays this long unless acknowledged. */
export const FLASH_MS = 20_000;

export class ViewSlice {
	lang: Lang = $state('nl');
	readonly t = $derived(TEXTS[this.lang]);
	windowId: WindowId = $state('1h');
	readonly windowMs = $derived(WINDOWS.find((w) => w.id === this.windowId)!.ms);
	toggles: LayerToggles = $state({} as LayerToggles);
	zoom = $state(0);
	constructor(p: ViewParams, toggles: LayerToggles, zoom: number) {
		this.lang = p.lang;
		this.windowId = p.window ?? '1h';
		this.toggles = toggles;
		this.zoom = zoom;
	}
}

export class UiSlice {
	hover: Hover | null = $state.raw(null);
	notice = $state('');
	/** The incident that flashes as new and critical. */
	flash: IncidentRow | null = $state.raw(null);
	/** The incident whose view is open (also in the URL as `incident=`), null when none. */
	incidentId: string | null = $state(null);
	/** Its data (incident_detail), null while loading or when it failed. */
	detail: IncidentDetail | null = $state.raw(null);
	detailError = $state('');
	/** An action on the open incident failed: why (shown in the view). */
	actError = $state('');
	/** What the wall screen frames (kiosk mode), null elsewhere. */
	wall: WallTarget | null = $state.raw(null);
}

export class PlaybackSlice {
	/** The map's time (epoch ms), updated at the render cadence. */
	now = $state(0);
	playing = $state(false);
	speed = $state(60);
	status: StatusResult = $state.raw({ status: 'loading', since: null, progress: null, error: '' });
	/** `status.since` on the map's clock (the big clock's time), null when none. */
	since: number | null = $state(null);
	/** Whether the clock means something yet (live: once the stream's clock has been read). */
	clockKnown = $state(false);
}

export class DataSlice {
	views: Derived | null = $state.raw(null);
	layers: Layer[] = $state.raw([]);
	helpCalls: HelpCall[] = $state.raw([]);
	inWindow = $state(0);
	unlocated = $state(0);
	/** Per source: posts a minute and the last post, on the map's clock. */
	sources: SourceState[] = $state.raw([]);
	problemCount = $state(0);
	alerts: MapAlert[] = $state.raw([]);
	/** The role's incidents (open_incidents()), in the list's order. */
	incidents: IncidentRow[] = $state.raw([]);
	me: Me | null = $state.raw(null);
	signInError = $state('');
	areas: AreaDef[] = $state.raw([]);
}

export class MapState {
	readonly mode: Mode;
	readonly demo: boolean;
	readonly params: ViewParams;
	readonly info: ScenarioInfo;
	readonly scenarios: { name: string; title: string }[];
	readonly geodata: boolean;
	readonly config: AppConfig | null;
	readonly clock: ScenarioClock;
	readonly live: LiveData;
	readonly connection: LiveConnection | null;
	readonly initialCenter: [number, number];
	readonly initialZoom: number;
	/** Whether the URL fixed the view (then a role switch does not move the map). */
	readonly viewGiven: boolean;
	/** Wall-screen mode (kiosk=1): no controls, large type, the map frames the alerts itself. */
	readonly kiosk: boolean;

	readonly view: ViewSlice;
	readonly ui = new UiSlice();
	readonly playback = new PlaybackSlice();
	readonly data = new DataSlice();
	roleKey = $state('');

	map: MlMap | undefined;
	overlay: MapboxOverlay | undefined;
	beforeId: string | undefined = $state(undefined);

	follower: FeedFollower;
	/** Posts handed to the map (all paths), for the tests. */
	delivered = 0;
	/** How often the layers were rebuilt and the views derived (tests wait on these). */
	layerBuilds = 0;
	derivations = 0;
	/** Benchmarks switch the feed off to measure synthetic posts alone. */
	feedOn = true;
	/** Benchmarks: arrival times (epoch ms) of posts whose id starts with a prefix. */
	arrivalPrefix: string | null = null;
	arrivals: [id: string, at: number][] = [];
	/** Batches waiting to be applied, at most APPLY_PER_FRAME posts per frame. */
	readonly pending: LocatedPost[][] = [];

	private readonly client: ReturnType<typeof createSupabase> | null;
	/** The role's planned events and the area being drawn (plans.svelte.ts). */
	readonly plans: PlanBook;
	/** The handling state of the calls for help (help-states.svelte.ts). */
	readonly help: HelpStateBook;
	/** The triage of posts without a location (triage.svelte.ts). */
	readonly triage: TriageBook;
	private readonly caches = createLayerCaches();
	private readonly flashRule: FlashRule;
	/** The map's time when this screen began to follow its alerts (for the flash rule). */
	private alertsOpenedAt: number | null = null;
	/** The incident rings (active incidents as marks), rebuilt when the list changes. */
	private incidentMarks: {
		id: string;
		lon: number;
		lat: number;
		radius_m: number;
		severity: IncidentRow['severity'];
	}[] = [];
	/** Which load of the incident view is current (a later one supersedes an earlier answer). */
	private detailSeq = 0;
	private flashTimer: ReturnType<typeof setTimeout> | undefined;
	private viewTimer: ReturnType<typeof setTimeout> | undefined;
	private readonly viewAudit: ReturnType<typeof createViewAudit> | null;
	private readonly feed: PostFeed;
	/** Posts from files the user opened: kept across resets of the feed. */
	private filePosts: LocatedPost[] = [];
	private fileClient: ReturnType<typeof createSupabase> | null = null;
	private firstData = false;
	private lastFetchOk = performance.now();
	private replayFailedAt: number | null = null;
	private replayError = '';
	private feedError = '';
	private raf = 0;
	private lastLayers = 0;
	private lastDerive = 0;
	private lastClockSync = 0;
	private dirty = true;
	private deriving = false;
	private viewChanged = false;
	private wasBackfilling = false;
	private readonly wall: WallDirector;
	/** What the map was last moved to in kiosk mode ('' before the first move). */
	private wallKey = '';
	private lastWall = 0;

	constructor(pageData: MapPageData, search: string) {
		const p = (this.params = parseViewParams(search));
		this.info = pageData.scenario;
		this.scenarios = pageData.scenarios;
		this.geodata = pageData.geodata;
		this.config = pageData.config;
		this.mode = resolveMode(p, !!this.config);
		this.demo = this.config?.demo ?? false;
		this.roleKey = demoUser(p.role)?.key ?? DEMO_USERS[0].key;
		if (p.mode === 'live' && !this.config)
			this.ui.notice = `${TEXTS[p.lang].noDatabase}${pageData.configError ? ` (${pageData.configError})` : ''}`;

		const start = this.mode === 'live' ? Date.now() : (p.t ?? Date.parse(this.info.clock));
		// Live: the stream clock drives it (re-synchronised every second); no bounds.
		this.clock =
			this.mode === 'live'
				? new ScenarioClock({ start, speed: 1 })
				: new ScenarioClock({
						start,
						min: Date.parse(this.info.start),
						max: Date.parse(this.info.end),
						speed: p.speed ?? 60
					});
		// Live: the clock runs once the stream clock is known (syncClock); a replay plays at once.
		if (this.mode === 'replay' && p.play) this.clock.play();

		// A link to an incident opens its view once the role's incidents are there.
		if (this.mode === 'live') this.ui.incidentId = p.incident;
		this.viewGiven = p.center !== null;
		this.kiosk = p.kiosk;
		this.wall = new WallDirector(p.cycle !== null ? p.cycle * 1000 : WALL_CYCLE_MS);
		const roleView = this.mode === 'live' ? demoUser(this.roleKey)!.view : this.info.view;
		this.initialCenter = p.center ?? roleView.center;
		this.initialZoom = p.zoom ?? roleView.zoom;
		this.view = new ViewSlice(p, parseLayersParam(p.layers), this.initialZoom);

		const areas = this.info.areas.map((a) => ({ id: a.id, name: a.name, polygon: a.polygon }));
		this.data.areas = areas;
		this.live = new LiveData(
			typeof Worker === 'function'
				? new WorkerAnalyses(areas, (message) => (this.feedError = message))
				: new LocalAnalyses(areas),
			this.view.windowMs,
			start
		);
		this.playback.now = this.clock.time;
		this.playback.playing = this.clock.playing;
		this.playback.speed = this.clock.speed;
		this.playback.clockKnown = this.mode === 'replay';

		this.flashRule = new FlashRule(typeof localStorage === 'undefined' ? null : localStorage);
		this.client = this.mode === 'live' && this.config ? createSupabase(this.config) : null;
		this.plans = new PlanBook(this.client, () => this.refreshLayers());
		this.help = new HelpStateBook(this.client);
		this.triage = new TriageBook(this.client, () => [
			this.clock.time - this.view.windowMs,
			this.clock.time
		]);
		this.connection = this.client
			? new LiveConnection(
					supabasePort(this.client, { pageSize: this.config?.embedded ? 10_000 : 1000 }),
					{
						reset: () => this.resetForRole(),
						signedIn: (me) => {
							this.data.me = me;
							this.viewAudit?.changed();
							this.plans.start(me);
							this.help.start(me);
							this.triage.start(me);
						},
						areas: (list) => {
							this.data.areas = list;
							this.live.analyses.setAreas(list);
							this.live.reset();
							this.refreshLayers();
						},
						posts: (batch) => this.receive(batch),
						problems: (problems) => this.problems(problems),
						error: (message) => (this.feedError = message),
						alerts: (list) => {
							this.data.alerts = list;
							this.refreshLayers();
						},
						incidents: (list, changes) => this.incidentsChanged(list, changes),
						ready: (feed) => {
							this.syncClock(feed);
							this.playback.clockKnown = true;
							this.alertsOpenedAt = this.clock.time;
						}
					}
				)
			: null;
		this.feed =
			this.mode === 'live'
				? {
						label: 'live',
						range: (from, to, signal) =>
							this.connection?.feed
								? this.connection.feed.range(from, to, signal)
								: Promise.reject(new Error('not signed in'))
					}
				: new ScenarioFeed(this.info.name);
		this.follower = new FeedFollower(this.feed, this.sink, HISTORY_MS);
		this.viewAudit = this.client
			? createViewAudit({
					current: () => {
						const b = this.viewBox();
						return this.data.me && b
							? {
									mode: this.mode,
									role: this.roleKey,
									bbox: [b.west, b.south, b.east, b.north],
									from: this.clock.time - this.view.windowMs,
									to: this.clock.time
								}
							: null;
					},
					send: async (args) => {
						const { error } = await this.client!.rpc('log_view', args);
						if (error) throw new Error(`log_view: ${error.message}`);
					},
					onError: (err) => console.warn('read audit:', err)
				})
			: null;
	}

	// ---------------------------------------------------------------- lifecycle

	/** Start the frame loop and, in demo live mode, the role in the URL. */
	start(): void {
		this.raf = requestAnimationFrame(this.frame);
		if (this.mode === 'live' && this.demo) void this.startRole(this.roleKey, false);
	}

	destroy(): void {
		clearTimeout(this.flashTimer);
		clearTimeout(this.viewTimer);
		cancelAnimationFrame(this.raf);
		this.viewAudit?.stop();
		this.plans.stop();
		this.help.stop();
		this.triage.stop();
		this.connection?.stop();
		this.follower.stop();
		this.live.analyses.dispose();
	}

	/** The basemap and its overlay are ready. */
	mapReady(map: MlMap, overlay: MapboxOverlay): void {
		this.map = map;
		this.overlay = overlay;
		// A click in an incident's ring opens it (the rings are not pickable: posts stay hoverable).
		map.on('click', (e) => this.mapClicked(e.lngLat.lng, e.lngLat.lat));
		this.viewAudit?.changed();
	}

	/** The map moved or zoomed (after the move ended). */
	viewMovedTo(zoom: number): void {
		this.view.zoom = zoom;
		this.viewChanged = true;
		this.dirty = true;
		this.viewAudit?.changed();
		const feed = this.connection?.feed;
		const me = this.data.me;
		if (!feed || !me || !isNational(me.role)) return;
		clearTimeout(this.viewTimer);
		this.viewTimer = setTimeout(() => this.connection?.feed?.setView(this.viewBox()), 500);
	}

	/** Something that changes the layers (a toggle, the language, the basemap's labels). */
	layersChanged(): void {
		this.dirty = true;
	}

	// ---------------------------------------------------------------- live: roles

	/**
	 * Sign in (a demo role, or a real user with `creds`) and start its feed: the map is cleared
	 * and loads what this role may see.
	 */
	async startRole(
		key: string,
		moveMap: boolean,
		creds?: { email: string; password: string }
	): Promise<void> {
		if (!this.connection) return;
		this.roleKey = key;
		if (!creds) {
			// The URL says who is shown, so that a wall screen can be pointed at it.
			const search = withParams(location.search, { mode: 'live', role: key });
			history.replaceState(history.state, '', `${location.pathname}?${search}`);
			const user = demoUser(key)!;
			if (moveMap) this.map?.jumpTo({ center: user.view.center, zoom: user.view.zoom });
		}
		await this.connection.start(
			creds ?? { email: demoEmail(key), password: DEMO_PASSWORD },
			() => this.viewBox(),
			TEXTS[this.view.lang].signInFailed
		);
		this.data.signInError = this.connection.signInError;
	}

	async signOut(): Promise<void> {
		await this.client?.auth.signOut();
		location.reload();
	}

	/** Clear the map for a new role (LiveConnection.reset). */
	private resetForRole(): void {
		this.viewAudit?.reset();
		this.plans.stop();
		this.help.stop();
		this.triage.stop();
		this.data.alerts = [];
		this.data.incidents = [];
		this.incidentMarks = [];
		// A role switch closes the incident view; the first sign-in keeps a link's incident=ID.
		if (this.data.me) this.closeIncident();
		else {
			this.detailSeq++;
			this.ui.detail = null;
		}
		this.data.me = null;
		this.data.signInError = '';
		this.ui.flash = null;
		this.alertsOpenedAt = null;
		this.follower.stop();
		this.follower = new FeedFollower(this.feed, this.sink, HISTORY_MS);
		this.pending.length = 0;
		this.live.reset();
		this.data.views = null;
		this.firstData = false;
		// The clock waits for the new role's stream clock.
		this.clock.pause();
		this.playback.clockKnown = false;
	}

	// ---------------------------------------------------------------- live: incidents

	/** A new list of the role's incidents: the rings, the flash (per incident), the open view. */
	private incidentsChanged(
		list: IncidentRow[],
		changes: { id: string; added: boolean; becameCritical: boolean; removed: boolean }[]
	): void {
		this.data.incidents = list;
		this.incidentMarks = list.filter(isActive).map((i) => ({
			id: i.id,
			lon: i.lon,
			lat: i.lat,
			radius_m: i.radius_m,
			severity: i.severity
		}));
		const flash = this.flashRule.update(list.map(flashable), changes, this.alertsOpenedAt);
		if (flash) this.showFlash(list.find((i) => i.id === flash.id)!);
		else if (this.ui.flash && !list.some((i) => i.id === this.ui.flash!.id && i.status === 'open'))
			this.ui.flash = null;
		// A link's incident opens once the list is there; an open view follows its incident.
		const want = this.ui.incidentId;
		if (want && (this.ui.detail === null || changes.some((c) => c.id === want && !c.removed)))
			void this.loadDetail(want);
		this.refreshLayers();
	}

	/** Whether the signed-in role may act on this incident now (and the connection is sound). */
	canActOn(i: IncidentRow): boolean {
		const me = this.data.me;
		// A wall screen has no one at it to act: no buttons there.
		return !this.kiosk && !!me && mayAct(me, i) && canAct(this.playback.status.status);
	}

	/** Open an incident's view (from the list, the map or a link), and say so in the URL. */
	openIncident(id: string): void {
		this.ui.incidentId = id;
		this.ui.detail = null;
		this.ui.detailError = '';
		this.ui.actError = '';
		this.setUrl({ incident: id });
		void this.loadDetail(id);
	}

	closeIncident(): void {
		this.detailSeq++;
		this.ui.incidentId = null;
		this.ui.detail = null;
		this.ui.detailError = '';
		this.ui.actError = '';
		if (typeof location !== 'undefined' && /[?&]incident=/.test(location.search))
			this.setUrl({ incident: null });
	}

	private setUrl(changes: Record<string, string | null>): void {
		if (typeof history === 'undefined') return;
		const search = withParams(location.search, changes);
		history.replaceState(history.state, '', `${location.pathname}${search ? `?${search}` : ''}`);
	}

	/** Load the open incident's data (a later load supersedes an earlier one's answer). */
	private async loadDetail(id: string): Promise<void> {
		const c = this.connection;
		if (!c?.incidentsFeed) return;
		const seq = ++this.detailSeq;
		try {
			const d = await c.incidentDetail(id);
			if (seq !== this.detailSeq || this.ui.incidentId !== id) return;
			this.ui.detail = d;
			this.ui.detailError = '';
		} catch (err) {
			if (seq !== this.detailSeq || this.ui.incidentId !== id) return;
			this.ui.detailError = `${this.view.t.incLoadFailed}: ${err instanceof Error ? err.message : String(err)}`;
		}
	}

	/** Acknowledge, note, mark as false alarm or resolve the open incident, with a reason. */
	async actOnIncident(id: string, action: IncidentAction, reason: string): Promise<boolean> {
		this.ui.actError = '';
		try {
			await this.connection!.actOnIncident(id, action, reason.trim() || null);
			if (this.ui.flash?.id === id) this.ui.flash = null;
			if (this.ui.incidentId === id) await this.loadDetail(id);
			return true;
		} catch (err) {
			this.ui.actError = `${this.view.t[`incAct_${action}`]}: ${err instanceof Error ? err.message : String(err)}`;
			return false;
		}
	}

	/** Centre the map on a point (an evidence post's "toon op kaart"). */
	showOnMap(lon: number, lat: number): void {
		this.map?.flyTo({ center: [lon, lat], zoom: Math.max(this.view.zoom, 15) });
	}

	/** A click on the map: the incident whose ring it falls in opens. */
	mapClicked(lon: number, lat: number): void {
		if (!this.map || !this.incidentMarks.length) return;
		const hit = incidentAt(
			this.data.incidents.filter(isActive),
			[lon, lat],
			metresPerPixel(lat, this.map.getZoom())
		);
		if (hit) this.openIncident(hit.id);
	}

	private showFlash(incident: IncidentRow): void {
		this.ui.flash = incident;
		clearTimeout(this.flashTimer);
		this.flashTimer = setTimeout(() => (this.ui.flash = null), FLASH_MS);
	}

	/**
	 * Follow the stream clock (feeder replay) or wall time; a stopped or ended feeder stops the
	 * map's clock, and so does a connection that lost its data. The clock is paused where it
	 * stands, never moved back (that would make the follower drop and reload the map); the time
	 * shown stops at the moment the data stopped (`frozenAt`).
	 */
	private syncClock(feed: LiveFeedLike): void {
		const sc = feed.clock;
		if (sc.speed <= 0 || this.frozen()) {
			if (this.clock.playing) this.clock.pause();
			if (sc.speed <= 0 && Math.abs(this.clock.time - sc.now()) > 500) this.clock.seek(sc.now());
			return;
		}
		if (this.clock.speed !== sc.speed) this.clock.setSpeed(sc.speed);
		if (!this.clock.playing) this.clock.play();
		// A clock reading is late by its round trip (seconds of stream time at 60x on a busy
		// machine): a map slightly ahead lets the stream catch up instead of moving back, which
		// would make the follower drop and reload everything the map holds.
		const diff = sc.now() - this.clock.time;
		if (diff > 500 || diff < -Math.max(500, sc.speed * SEEK_BACK_WALL_MS))
			this.clock.seek(sc.now());
	}

	/** Live, with the data lost: the clock stands still. */
	private frozen(): boolean {
		const s = this.playback.status.status;
		return this.mode === 'live' && (s === 'stale' || s === 'reconnecting');
	}

	/**
	 * A wall-clock instant on the map's clock: live, on the stream's clock (which runs on while
	 * the map's is paused); in replay, on the scenario clock.
	 */
	private toMapTime(wall: number): number {
		const ago = Math.max(0, Date.now() - wall);
		const sc = this.connection?.feed?.clock;
		if (this.mode === 'live' && sc) return sc.now() - ago * sc.speed;
		return this.clock.time - ago * (this.clock.playing ? this.clock.speed : 0);
	}

	// ---------------------------------------------------------------- replay: playback

	togglePlay(): void {
		if (this.clock.playing) this.clock.pause();
		else this.clock.play();
		this.playback.playing = this.clock.playing;
		this.dirty = true;
	}
	setSpeed(s: number): void {
		this.clock.setSpeed(s);
		this.playback.speed = this.clock.speed;
	}
	seek(t: number): void {
		this.clock.seek(t);
		this.dirty = true;
	}
	setWindow(id: WindowId): void {
		this.view.windowId = id;
		this.viewAudit?.changed();
		this.data.views = null;
		this.dirty = true;
	}
	/** Keys on a wall screen's keyboard: space plays/pauses, 1-5 choose the speed. */
	key(e: KeyboardEvent): void {
		if ((e.target as HTMLElement | null)?.tagName === 'INPUT') return;
		if (e.key === ' ') {
			e.preventDefault();
			this.togglePlay();
		} else if (/^[1-5]$/.test(e.key)) this.setSpeed(SPEEDS[Number(e.key) - 1]);
	}

	/** Go to the other mode (a new page load). */
	chooseMode(m: Mode): void {
		location.search = modeSearch(location.search, m, this.roleKey);
	}
	chooseScenario(name: string): void {
		location.search = withParams(location.search, { scenario: name, t: null });
	}

	// ---------------------------------------------------------------- data

	private readonly sink: FeedSink = {
		reset: () => {
			this.pending.length = 0;
			this.live.reset();
			if (this.filePosts.length) this.pending.push(this.filePosts);
			this.firstData = false;
			// Live: the map was cleared, so the feed must deliver the window again.
			const feed = this.connection?.feed;
			feed?.sync.setWindowStart(this.clock.time - HISTORY_MS);
			feed?.sync.restart(this.clock.time);
		},
		posts: (batch) => {
			this.lastFetchOk = performance.now();
			if (this.mode === 'live') this.connection?.historyOk();
			else {
				this.replayFailedAt = null;
				this.replayError = '';
			}
			this.receive(batch);
		},
		problems: (problems) => this.problems(problems),
		error: (err) => {
			if (this.mode === 'live') this.connection?.historyFailed(err);
			else {
				this.replayFailedAt ??= Date.now();
				this.replayError = err instanceof Error ? err.message : String(err);
			}
		}
	};

	private problems(problems: { where: string; reason: string }[]): void {
		this.data.problemCount += problems.length;
		console.warn('feed: invalid posts ignored', problems.slice(0, 5));
	}

	private receive(batch: LocatedPost[]): void {
		if (batch.length) this.feedError = '';
		if (this.arrivalPrefix !== null) {
			const at = Date.now();
			for (const p of batch)
				if (p.id.startsWith(this.arrivalPrefix)) this.arrivals.push([p.id, at]);
		}
		if (batch.length) this.pending.push(batch);
		this.delivered += batch.length;
		this.firstData = true;
	}

	/** The map's view as a bounding box (national roles follow the cells in view). */
	viewBox(): BBox | null {
		if (!this.map) return null;
		const b = this.map.getBounds();
		return { west: b.getWest(), south: b.getSouth(), east: b.getEast(), north: b.getNorth() };
	}

	/** The heat raster's view: the map's viewport plus a margin, at HEAT_CELL_PX per cell. */
	rasterView(): RasterView | undefined {
		const map = this.map;
		if (!map) return undefined;
		const canvas = map.getCanvas();
		const w = canvas.clientWidth;
		const h = canvas.clientHeight;
		if (!w || !h) return undefined;
		const m = 0.1;
		const nw = map.unproject([-w * m, -h * m]);
		const se = map.unproject([w * (1 + m), h * (1 + m)]);
		const c = map.getCenter();
		const metresPerPx = metresPerPixel(c.lat, map.getZoom());
		const sigmaPx = Math.min(
			HEAT_SIGMA_PX_MAX,
			Math.max(HEAT_SIGMA_PX_MIN, HEAT_SIGMA_M / metresPerPx)
		);
		return {
			sigma: sigmaPx / HEAT_CELL_PX,
			west: nw.lng,
			north: nw.lat,
			east: se.lng,
			south: se.lat,
			width: Math.round((w * (1 + 2 * m)) / HEAT_CELL_PX),
			height: Math.round((h * (1 + 2 * m)) / HEAT_CELL_PX)
		};
	}

	/** Recompute the aggregated views now (tests and benchmarks). */
	async derive(): Promise<Derived> {
		const d = await this.live.derive(
			this.clock.time,
			this.view.windowMs,
			this.view.zoom,
			this.rasterView()
		);
		this.data.views = d;
		return d;
	}

	private layerContext() {
		return {
			data: this.live,
			derived: this.data.views,
			now: this.clock.time,
			windowMs: this.view.windowMs,
			zoom: this.view.zoom,
			areas: this.data.areas,
			alerts: this.mode === 'live' ? this.data.alerts : [],
			incidents: this.mode === 'live' ? this.incidentMarks : [],
			help: this.data.helpCalls,
			plans: this.plans.list,
			planDraft: this.plans.draft,
			beforeId: this.beforeId,
			lang: this.view.lang
		};
	}

	layersNow(): Layer[] {
		return buildLayers(this.layerContext(), this.view.toggles, this.caches);
	}

	hover(info: PickingInfo): void {
		this.ui.hover = hoverFor(info, this.layerContext(), this.caches);
	}

	private refreshLayers(): void {
		const t = this.clock.time;
		const w = this.view.windowMs;
		const calls = this.live.help.between(t - w, t);
		const old = this.data.helpCalls;
		if (
			calls.length !== old.length ||
			calls[0]?.key !== old[0]?.key ||
			calls.at(-1)?.key !== old.at(-1)?.key
		)
			this.data.helpCalls = calls;
		this.data.layers = this.layersNow();
		this.layerBuilds++;
		const [i0, i1] = this.live.store.range(t - w, t);
		this.data.inWindow = i1 - i0;
		this.data.unlocated = this.live.store.unlocatedBetween(t - w, t);
		const sources = this.live.sources.at(t);
		if (!sameSourceStates(sources, this.data.sources)) this.data.sources = sources;
	}

	/** The incidents as the wall screen's director sees them (live only: a replay has none). */
	private wallItems(): WallItem[] {
		if (this.mode !== 'live') return [];
		return this.data.incidents.map((i) => ({
			id: i.id,
			severity: i.severity,
			status: i.status,
			lon: i.lon,
			lat: i.lat,
			radius_m: i.radius_m,
			last_update: Date.parse(i.last_update)
		}));
	}

	/** Kiosk: frame what the director says; move the map only when that changes. */
	private frameWall(ts: number): void {
		const target = this.wall.target(this.wallItems(), ts);
		const old = this.ui.wall;
		if (
			!old ||
			old.kind !== target.kind ||
			(old.kind === 'incident' &&
				target.kind === 'incident' &&
				(old.id !== target.id ||
					old.takeover !== target.takeover ||
					old.index !== target.index ||
					old.of !== target.of))
		)
			this.ui.wall = target;
		const key = target.kind === 'home' ? 'home' : target.id;
		if (!this.map || key === this.wallKey) return;
		this.wallKey = key;
		const duration = matchMedia('(prefers-reduced-motion: reduce)').matches ? 0 : 2500;
		if (target.kind === 'home')
			this.map.flyTo({ center: this.initialCenter, zoom: this.initialZoom, duration });
		else
			this.map.fitBounds(target.bounds, {
				// Room for the header, the side panel and the banner.
				padding: { top: 140, bottom: 60, left: 60, right: Math.min(700, innerWidth * 0.3) },
				maxZoom: 15.5,
				duration
			});
	}

	private frame = (ts: number): void => {
		this.raf = requestAnimationFrame(this.frame);
		if (this.kiosk && ts - this.lastWall > 500) {
			this.lastWall = ts;
			this.frameWall(ts);
		}
		const feed = this.connection?.feed;
		if (feed && this.data.me && ts - this.lastClockSync > 1000) {
			this.lastClockSync = ts;
			this.syncClock(feed);
		}
		const time = this.clock.time;
		feed?.sync.setWindowStart(time - HISTORY_MS);
		const mayFetch = this.mode === 'replay' || !!this.connection?.historyMayRun();
		if (this.feedOn && mayFetch) this.follower.tick(time);
		let budget = APPLY_PER_FRAME;
		while (this.pending.length && budget > 0) {
			const batch = this.pending[0];
			if (batch.length <= budget) {
				this.pending.shift();
				this.live.add(batch);
				budget -= batch.length;
			} else {
				this.live.add(batch.slice(0, budget));
				this.pending[0] = batch.slice(budget);
				budget = 0;
			}
			this.dirty = true;
		}
		if (this.wasBackfilling && !this.follower.backfilling && this.pending.length === 0) {
			this.live.rebuildCorridors(); // history came newest-first: replay authors in time order
			this.viewChanged = true;
		}
		this.wasBackfilling = this.follower.backfilling || this.pending.length > 0;
		if (
			!this.deriving &&
			(ts - this.lastDerive > 500 || this.viewChanged || (this.dirty && this.data.views === null))
		) {
			this.viewChanged = false;
			this.live.maintain(time, this.view.windowMs);
			this.deriving = true;
			this.lastDerive = ts;
			this.live
				.derive(time, this.view.windowMs, this.view.zoom, this.rasterView())
				.then((d) => {
					this.data.views = d;
					this.derivations++;
					this.dirty = true;
				})
				.catch((err) => (this.feedError = `analyses: ${err instanceof Error ? err.message : err}`))
				.finally(() => (this.deriving = false));
		}
		if (
			ts - this.lastLayers > 100 &&
			(this.dirty || this.clock.playing || ts - this.lastLayers > 1000)
		) {
			// The time shown stops with the data (the badge reads the same time).
			const since = this.playback.since;
			this.playback.now = this.frozen() && since !== null ? Math.min(time, since) : time;
			this.playback.playing = this.clock.playing;
			this.refreshLayers();
			this.lastLayers = ts;
			this.dirty = false;
			this.updateStatus();
		}
	};

	/** The status badge (src/lib/app/status.ts), and its time on the map's clock. */
	updateStatus(): void {
		const now = Date.now();
		let st: StatusResult;
		if (this.mode === 'replay') {
			const lag = this.clock.time - this.follower.cursor;
			st = replayStatus({
				failedAt: this.replayFailedAt,
				error: this.replayError || this.feedError,
				owes: this.feedOn && (lag > 1000 || this.follower.backfilling),
				msSinceFetchOk: performance.now() - this.lastFetchOk,
				firstData: this.firstData,
				playing: this.clock.playing,
				lagMs: lag,
				speed: this.clock.speed,
				now
			});
		} else {
			const c = this.connection;
			const feed = c?.feed ?? null;
			st = liveStatus({
				signInFailedAt: c?.signInFailedAt ?? null,
				signInError: c?.signInError ?? '',
				sync: feed && this.data.me ? feed.sync.status() : null,
				historyFailedAt: c?.historyFailedAt ?? null,
				historyError: c?.historyError ?? '',
				prefilling: feed?.clock.state === 'prefilling',
				prefillProgress: feed?.clock.progress ?? null,
				historyLoaded:
					!!c?.historyMayRun() && this.follower.recentLoaded && this.pending.length === 0,
				historyProgress: this.follower.loaded,
				endedAt: feed?.clock.endedAt ?? null,
				clockError: feed?.clockError || this.feedError,
				now
			});
		}
		const prev = this.playback.status;
		if (
			prev.status !== st.status ||
			prev.since !== st.since ||
			prev.progress !== st.progress ||
			prev.error !== st.error
		) {
			const lost = (x: string) => x === 'stale' || x === 'reconnecting';
			this.playback.status = st;
			this.playback.since =
				st.since === null
					? null
					: st.status === 'ended'
						? this.clock.time
						: lost(st.status) && lost(prev.status) && this.playback.since !== null
							? // Still without data: the time the clock stopped at stays.
								Math.min(this.playback.since, this.toMapTime(st.since))
							: Math.min(this.playback.now, this.toMapTime(st.since));
		}
	}

	// ---------------------------------------------------------------- files

	/** A signed-in user's access token for /api/locate; replay signs in as the role's demo user. */
	private async accessToken(): Promise<string> {
		if (!this.config) throw new Error(this.view.t.noDatabase);
		if (this.client) {
			const s = (await this.client.auth.getSession()).data.session;
			if (s) return s.access_token;
		}
		this.fileClient ??= createSupabase(this.config);
		const s = (await this.fileClient.auth.getSession()).data.session;
		if (s) return s.access_token;
		const { data, error } = await this.fileClient.auth.signInWithPassword({
			email: demoEmail(this.roleKey),
			password: DEMO_PASSWORD
		});
		if (error) throw new Error(error.message);
		return data.session.access_token;
	}

	/** Locate an NDJSON file of posts on the server and show its posts on the map. */
	async openFile(file: File): Promise<void> {
		const t = this.view.t;
		try {
			const res = await fetch('/api/locate', {
				method: 'POST',
				headers: {
					'content-type': 'application/x-ndjson',
					authorization: `Bearer ${await this.accessToken()}`
				},
				body: await file.text()
			});
			if (!res.ok) throw new Error(`HTTP ${res.status}: ${await res.text()}`);
			const body = await res.json();
			const { posts, problems } = validateLocatedBatch(body.posts);
			const errors = (body.errors ?? []) as { line: number; reason: string }[];
			this.filePosts = this.filePosts.concat(posts);
			this.pending.push(posts);
			this.dirty = true;
			this.ui.notice =
				`${posts.length} ${t.fileLoaded} ${file.name}` +
				(errors.length + problems.length
					? `; ${errors.length + problems.length} ${t.fileRejected}: ` +
						errors
							.slice(0, 3)
							.map((e) => `${t.fileLine} ${e.line}: ${e.reason}`)
							.join('; ')
					: '');
		} catch (err) {
			this.ui.notice = `${file.name}: ${err instanceof Error ? err.message : String(err)}`;
		}
	}
}

const KEY = Symbol('uitkijk.map-state');

export function setMapState(state: MapState): MapState {
	return setContext(KEY, state);
}

export function getMapState(): MapState {
	const s = getContext<MapState | undefined>(KEY);
	if (!s) throw new Error('getMapState(): no MapState in context (set it with setMapState)');
	return s;
}
