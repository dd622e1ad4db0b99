import type { RouteKind } from "./source";

/** Options for {@link RouteNamer}. */
export interface RouteNamingOptions {
  /**
   * Name templates per route kind; `{board}` is replaced by the board's display name.
   * Defaults: scout `{board} (スカウト)`, normal and unknown `{board} (通常応募)` (SPEC §5).
   */
  templates?: Partial<Record<RouteKind, string>>;
  /**
   * Old route names → current ones, so that reports can count old and new together after a
   * change of naming (e.g. `AMBI` → `AMBI (通常応募)`).
   */
  legacyNames?: Readonly<Record<string, string>>;
}

/** The default templates: `AMBI (スカウト)`, `AMBI (通常応募)`. A board that cannot tell counts as 通常応募. */
export const DEFAULT_ROUTE_TEMPLATES: Readonly<Record<RouteKind, string>> = Object.freeze({
  scout: "{board} (スカウト)",
  normal: "{board} (通常応募)",
  unknown: "{board} (通常応募)",
});

/** Names application routes (応募経路) and maps legacy names onto current ones for reports. */
export class RouteNamer {
  private readonly templates: Readonly<Record<RouteKind, string>>;
  private readonly legacy: ReadonlyMap<string, string>;
  private readonly names: Record<RouteKind, Map<string, string>> = {
    scout: new Map(),
    normal: new Map(),
    unknown: new Map(),
  };

  constructor(options: RouteNamingOptions = {}) {
    this.templates = { ...DEFAULT_ROUTE_TEMPLATES, ...options.templates };
    for (const [kind, template] of Object.entries(this.templates)) {
      if (!template.includes("{board}"))
        throw new RangeError(`The ${kind} route template "${template}" must contain {board}`);
    }
    this.legacy = new Map(Object.entries(options.legacyNames ?? {}));
  }

  /** The route name of an application from `board` by `kind`, e.g. `routeName("AMBI", "scout")` → `AMBI (スカウト)`. */
  name(board: string, kind: RouteKind): string {
    // One string per board and kind, shared by every application that carries it.
    const names = this.names[kind];
    let name = names.get(board);
    if (name === undefined) {
      name = this.templates[kind].replaceAll("{board}", board);
      names.set(board, name);
    }
    return name;
  }

  /** The current name for `name`: its legacy mapping if it has one, otherwise itself. */
  canonical(name: string): string {
    return this.legacy.get(name) ?? name;
  }

  /** Counts by canonical route name, merging legacy names into current ones. */
  mergeCounts(counts: Iterable<readonly [string, number]>): Map<string, number> {
    const merged = new Map<string, number>();
    for (const [name, count] of counts) {
      const canonical = this.canonical(name);
      merged.set(canonical, (merged.get(canonical) ?? 0) + count);
    }
    return merged;
  }
}
