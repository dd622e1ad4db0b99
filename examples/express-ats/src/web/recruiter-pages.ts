import type { Router } from "express";
import { candidatePages } from "./candidate-pages";
import { dashboardPage } from "./dashboard-page";
import { importRunsPage } from "./import-runs-page";
import { lineTab } from "./line-tab";
import { settingsPages } from "./settings-pages";
import type { WebDeps } from "./web-deps";
import { createWebRouter } from "./web-router";

/** The recruiter's pages (`/app/...`), mounted after the webhook routes. */
export function recruiterPages(deps: WebDeps): Router {
  return createWebRouter(deps, [
    dashboardPage(deps),
    candidatePages(deps),
    lineTab(deps),
    settingsPages(deps),
    importRunsPage(deps),
  ]);
}
