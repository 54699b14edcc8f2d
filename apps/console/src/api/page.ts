/** The list shape every paged endpoint answers (api.md conventions). */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** A zod schema's output type, without the console depending on zod itself. */
export type Infer<S extends { _output: unknown }> = S['_output'];
