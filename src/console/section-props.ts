// What the layout hands each section of the console: the agency being worked on, the path inside
// the console (the section routes its own sub-pages) and what the user may do there.
import type { Me } from './api.ts';

export interface SectionProps {
  agency: string;
  /** e.g. "/publications/12" */
  path: string;
  me: Me;
  /** The user's role codes in this agency. */
  roles: readonly string[];
  /** The permission table's actions the user may do in this agency (from /api/auth/me). */
  actions: readonly string[];
}
