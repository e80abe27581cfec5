// What the search box and the search view share: the browser index and the query being typed.
import { createContext, useContext } from "react";
import type { IndexClient } from "../../search/index-client.ts";
import type { Observable } from "../../state/observable.ts";

export interface SearchServices {
  index: IndexClient;
  query: Observable<string>;
}

export const SearchContext = createContext<SearchServices | null>(null);

/** Null while the index is starting. */
export function useSearchServices(): SearchServices | null {
  return useContext(SearchContext);
}
