import { InputError } from '../errors.js';
import { multivariateCategories, univariateCategories } from '../schema/taxonomy.js';
import { applyWrite, disagreement, displayedLabel, isReviewed, proposalFor } from './actions.js';
import type { ReviewStore, StoredItem } from './store.js';
import { reviewerSchema, writeBodySchema, type CurrentLabel } from './types.js';

/** A JSON answer: status and body. */
export interface ApiResponse {
  status: number;
  body: unknown;
}

/** What one API call sees; `body` is the parsed JSON of a write. */
export interface ApiRequest {
  method: string;
  /** Path below `/api`, e.g. `/items/3/label`. */
  path: string;
  query: URLSearchParams;
  body: unknown;
}

/** Context the API needs: the store and the reviewer used when a request names none. */
export interface ApiContext {
  store: ReviewStore;
  reviewer: string;
}

function currentView(current: CurrentLabel): Record<string, unknown> {
  const entry = current.entry;
  return {
    version: current.version,
    status: entry === null ? 'unreviewed' : entry.status,
    action: entry?.action ?? null,
    label: entry?.label ?? null,
    reviewer: entry?.reviewer ?? null,
    createdAt: entry?.createdAt ?? null,
  };
}

function itemDetail(
  context: ApiContext,
  item: StoredItem,
  reviewer: string,
): Record<string, unknown> {
  const current = context.store.current(item.id, reviewer);
  const shown = displayedLabel(item, current);
  return {
    item,
    reviewer,
    proposal: proposalFor(item),
    current: currentView(current),
    displayed: shown,
    disagreement: disagreement(item, shown),
    history: context.store.history(item.id),
  };
}

function reviewerOf(context: ApiContext, value: unknown): string {
  if (value === undefined || value === null || value === '') return context.reviewer;
  const parsed = reviewerSchema.safeParse(value);
  if (!parsed.success)
    throw new InputError(
      'review.bad_reviewer',
      `reviewer "${String(value)}": ${parsed.error.issues[0]?.message ?? 'invalid'}`,
      { field: 'reviewer' },
    );
  return parsed.data;
}

function itemOr404(context: ApiContext, rawId: string): StoredItem | ApiResponse {
  const item = context.store.getItem(Number(rawId));
  return item ?? { status: 404, body: { error: 'not_found', message: `no item ${rawId}` } };
}

/** Routes one `/api/...` call. Item data is reached only through numeric item ids. */
export function handleApi(context: ApiContext, request: ApiRequest): ApiResponse {
  const { method, path, query } = request;
  if (method === 'GET' && path === '/config')
    return {
      status: 200,
      body: { reviewer: context.reviewer, total: context.store.listItems().length },
    };
  if (method === 'GET' && path === '/taxonomy')
    return {
      status: 200,
      body: { univariate: univariateCategories, multivariate: multivariateCategories },
    };
  if (method === 'GET' && path === '/items') {
    const reviewer = reviewerOf(context, query.get('reviewer'));
    const current = context.store.currentAll(reviewer);
    const items = context.store.listItems().map((item) => {
      const entry = current.get(item.id) ?? null;
      const shown = displayedLabel(item, { version: entry?.version ?? 0, entry });
      return {
        id: item.id,
        seriesId: item.seriesId,
        track: item.track,
        source: item.source,
        length: item.length,
        channels: item.channels.length,
        status: entry === null ? 'unreviewed' : entry.status,
        version: entry?.version ?? 0,
        /** Who made the current decision and when (null when never reviewed). */
        labelledBy: isReviewed(entry) ? (entry?.reviewer ?? null) : null,
        labelledAt: isReviewed(entry) ? (entry?.createdAt ?? null) : null,
        category: shown?.category ?? null,
        anomalous: shown?.anomalous ?? null,
        models: item.answers.map((answer) => answer.model),
        modelCategories: [
          ...new Set(
            item.answers.map((answer) => answer.category).filter((c): c is string => c !== null),
          ),
        ],
        disagreement: disagreement(item, shown),
      };
    });
    const reviewed = items.filter((item) => isReviewed(current.get(item.id) ?? null)).length;
    return { status: 200, body: { reviewer, progress: { reviewed, total: items.length }, items } };
  }
  const match = /^\/items\/(\d{1,12})(\/series|\/history|\/label)?$/.exec(path);
  if (match === null)
    return { status: 404, body: { error: 'not_found', message: `no API route ${method} ${path}` } };
  const found = itemOr404(context, match[1] as string);
  if ('status' in found && 'body' in found) return found;
  const item = found;
  const tail = match[2] ?? '';
  if (method === 'GET' && tail === '')
    return {
      status: 200,
      body: itemDetail(context, item, reviewerOf(context, query.get('reviewer'))),
    };
  if (method === 'GET' && tail === '/series')
    return { status: 200, body: context.store.series(item.id) };
  if (method === 'GET' && tail === '/history')
    return { status: 200, body: context.store.history(item.id) };
  if (method === 'POST' && tail === '/label') {
    const parsed = writeBodySchema.safeParse(request.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new InputError(
        'review.bad_request',
        `field ${issue?.path.join('.') || '(body)'}: ${issue?.message ?? 'invalid'}`,
        { field: issue?.path.join('.') ?? '' },
      );
    }
    const reviewer = reviewerOf(context, parsed.data.reviewer);
    const outcome = applyWrite(context.store, item, reviewer, parsed.data);
    const detail = itemDetail(context, item, reviewer);
    if (!outcome.ok) {
      const by =
        outcome.current.entry === null
          ? ''
          : ` (version ${outcome.current.version}, ${outcome.current.entry.action} at ${outcome.current.entry.createdAt})`;
      return {
        status: 409,
        body: {
          error: 'conflict',
          message: `this item changed since you loaded it${by}; your change was not saved`,
          ...detail,
        },
      };
    }
    return { status: 200, body: detail };
  }
  return {
    status: 405,
    body: { error: 'method_not_allowed', message: `${method} is not allowed on ${path}` },
  };
}
