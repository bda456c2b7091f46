/**
 * What a console page is: a path, the access it needs (the API's roles: read, audit, work,
 * admin), an optional place in the navigation, and a render function from the request's context
 * to a title and a body of `SafeHtml`. Forms post to actions, which change something through the
 * same ledger operations as the API and answer with a redirect (post/redirect/get), so the pages
 * work without script and the back button never re-posts.
 */
import type { Request, Response } from 'express';
import type { ApiDeps } from '../api/deps.js';
import type { Principal, RouteAccess } from '../auth/types.js';
import type { SafeHtml } from './html.js';
import type { Lang, Word } from './i18n.js';

/** What the console reads: the API's ports (with the operator's zone and the clock). */
export type ConsoleDeps = ApiDeps;

/** Everything a page or action knows about the request it answers. */
export interface ConsoleContext {
  readonly req: Request;
  readonly res: Response;
  readonly deps: ConsoleDeps;
  readonly lang: Lang;
  /** The label in the request's language. */
  readonly t: (w: Word) => string;
  /** Who is asking. With authentication off: `anonymous` with the admin role (the API allows everything then too). */
  readonly principal: Principal;
  readonly authEnabled: boolean;
  /** The session's CSRF token for forms (`csrfField(ctx)`), null for a bearer-token caller. */
  readonly csrfToken: string | null;
  /** When the session ends (ms), null for a bearer-token caller or with authentication off. */
  readonly sessionExpiresAt: number | null;
  /** The operator's IANA zone. */
  readonly zone: string;
  readonly now: number;
  /** Path and query of this request (where the language switch comes back to). */
  readonly here: string;
  /** Route parameters (`:id`) and the query string (last value of a repeated key: `queryAll` for all). */
  readonly params: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string>>;
  readonly queryAll: (key: string) => readonly string[];
  /** A time for people: in the operator's zone, zone named, in the request's language. */
  readonly time: (at: number | string | null | undefined) => string;
  /** Whether this principal may use something needing `access` (to show or hide a control; the server checks again). */
  readonly can: (access: RouteAccess) => boolean;
}

/** A rendered page. */
export interface PageOut {
  readonly title: Word | string;
  readonly body: SafeHtml;
  /** HTTP status (default 200). */
  readonly status?: number;
  /** Reload the page every N seconds (an http-equiv refresh: no script). */
  readonly refreshSeconds?: number;
  /** Extra script files of `/assets/` this page needs (e.g. `map.js`): listed in the page's JS budget. */
  readonly scripts?: readonly string[];
}

/** One page of the console. */
export interface ConsolePage {
  /** An express path: `/devices/:id`. */
  readonly path: string;
  readonly access: RouteAccess;
  /** In the top navigation when set, ordered by `order`, shown only to roles that have `access`. */
  readonly nav?: { readonly label: Word; readonly order: number };
  readonly render: (ctx: ConsoleContext) => PageOut | Promise<PageOut>;
}

/**
 * What an action answers: where to go next (303), with an optional notice code the target page
 * shows; or, when the form was refused field by field, a page to show at once (its status, e.g.
 * 422) — the form again with each problem beside its field and what was typed kept.
 */
export type ActionOut = { readonly redirect: string } | { readonly page: PageOut };

/** One form target (POST). The console checks the session's CSRF token and the role before `handle`. */
export interface ConsoleAction {
  readonly path: string;
  readonly access: RouteAccess;
  readonly handle: (ctx: ConsoleContext, form: URLSearchParams) => ActionOut | Promise<ActionOut>;
}

/**
 * An expected failure of a page or action, shown as an error page with its status: a missing
 * device (404), a stale version (409), a refused transition (422). Its message is the console's
 * own words; a device string in it is escaped like any other.
 */
export class ConsoleError extends Error {
  /** `link`: where to go from the error page (e.g. reload the hazard after a 409), beside the link home. */
  constructor(readonly status: number, readonly words: Word, readonly link?: { readonly href: string; readonly label: Word }) {
    super(words.en);
    this.name = 'ConsoleError';
  }
}
