import { createReadStream } from "node:fs";
import { readdir } from "node:fs/promises";
import path from "node:path";
import {
  BOARDS,
  type BoardSource,
  CsvBoardSource,
  type FetchRequest,
  type SourceItem,
} from "@org/robo-import";

/**
 * A board source over a folder where a board robot drops its CSV exports
 * (`<root>/<tenant>/<account id>/*.csv`, read in name order). Reading a file again is harmless:
 * the window and the duplicate check keep a re-run from importing anything twice.
 */
export class DropFolderSource implements BoardSource {
  constructor(private readonly folder: string) {}

  async *fetch(request: FetchRequest): AsyncGenerator<SourceItem> {
    let names: string[];
    try {
      names = (await readdir(this.folder)).filter((name) => name.toLowerCase().endsWith(".csv")).sort();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return; // nothing dropped yet
      throw error;
    }
    const board = BOARDS[request.account.board];
    for (const name of names) {
      const file = path.join(this.folder, name);
      const source = new CsvBoardSource({
        board,
        open: async () => createReadStream(file, { highWaterMark: 256 * 1024 }),
      });
      for await (const item of source.fetch(request)) {
        // Name the file in problems: the line alone does not say which export it is in.
        yield item.kind === "problem" ? { ...item, message: `${name}: ${item.message}` } : item;
      }
    }
  }
}
