import { uuidv7 } from 'uuidv7';

/** App-generated, time-sortable, globally unique ids (no database sequences: bulk loads and sharding need none). */
export const newId = (): string => uuidv7();
