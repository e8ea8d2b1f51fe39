/**
 * The handling state of the calls for help of the signed-in role (issue 13, item 4): read with
 * help_states() when a role signs in and every HELP_POLL_MS after, and each 'help' broadcast on
 * the role's alert topics applied as it comes; help_act() for take, forward (meldkamer), done and
 * release. MapState holds one; the HelpQueue reads it.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import { alertTopicsFor } from '../supabase/alerts';
import { hubFor, type HubClient } from '../supabase/topic-hub';
import type { Me } from '../supabase/topics';
import {
	applyHelpRow,
	emptyHelpStates,
	parseHelpStates,
	type HelpAction,
	type HelpStates
} from './help-handling';

/** Wall ms between reads of the states (the broadcasts usually come first). */
export const HELP_POLL_MS = 5000;

export class HelpStateBook {
	states: HelpStates = $state.raw(emptyHelpStates());
	me: Me | null = $state.raw(null);
	error = $state('');
	private timer: ReturnType<typeof setInterval> | undefined;
	private leave: (() => void)[] = [];
	private generation = 0;

	constructor(private readonly client: SupabaseClient | null) {}

	/** Whether the role may handle calls (help_act decides). */
	get canHandle(): boolean {
		return (this.me?.role === 'analyst' || this.me?.role === 'commander') && !!this.me.unit_id;
	}

	start(me: Me): void {
		this.stop();
		this.me = me;
		if (!this.client) return;
		const gen = this.generation;
		for (const topic of alertTopicsFor(me))
			this.leave.push(
				hubFor(this.client as unknown as HubClient).listen(topic, {
					event: 'help',
					message: (payload) => {
						if (gen === this.generation) this.states = applyHelpRow(this.states, payload);
					},
					status: () => {}
				})
			);
		void this.refresh();
		this.timer = setInterval(() => void this.refresh(), HELP_POLL_MS);
	}

	stop(): void {
		clearInterval(this.timer);
		this.timer = undefined;
		for (const f of this.leave.splice(0)) f();
		this.generation++;
		this.me = null;
		this.states = emptyHelpStates();
		this.error = '';
	}

	async refresh(): Promise<void> {
		if (!this.client) return;
		const gen = this.generation;
		const { data, error } = await this.client.rpc('help_states');
		if (gen !== this.generation) return;
		if (error) this.error = error.message;
		else {
			this.states = parseHelpStates(data);
			this.error = '';
		}
	}

	/** Act on a call; the database's refusal (e.g. taken by someone else) as error text. */
	async act(source: string, id: string, action: HelpAction, reason?: string): Promise<void> {
		if (!this.client) return;
		const gen = this.generation;
		const { data, error } = await this.client.rpc('help_act', {
			source,
			post_id: id,
			action,
			reason: reason ?? null
		});
		if (gen !== this.generation) return;
		if (error) {
			this.error = error.message;
			await this.refresh();
			return;
		}
		this.error = '';
		this.states = applyHelpRow(this.states, data);
	}
}
