// dynalite ships no types; this is the part the local endpoint uses.
declare module 'dynalite' {
  import type { Server } from 'node:http';
  interface DynaliteOptions {
    /** How long a new table stays CREATING, in milliseconds (default 500). */
    readonly createTableMs?: number;
    readonly deleteTableMs?: number;
    readonly updateTableMs?: number;
    /** A LevelDB directory; in memory when absent. */
    readonly path?: string;
  }
  export default function dynalite(options?: DynaliteOptions): Server;
}
