// Updating a row by id unless another row of its table has the same name regardless of case.
import type { Kysely, Updateable } from 'kysely';
import type { Database } from './schema';

/** The tables whose names are unique case-insensitively through `name_key` and its unique index. */
export type UniqueNameTable = 'profiles' | 'saved_views';

/** The columns of such a table that the name check reads. */
interface NamedRow {
  id: string;
  name_key: string;
}

/**
 * Writes `changes` to the row `id` of `table` when no other row has `changes.name_key`; false when
 * nothing changed: no such row, or the name is another row's. The check is part of the UPDATE, and a
 * rename that races another to the same name is refused by the unique index, then answered as taken.
 */
export async function updateUnlessNameTaken<T extends UniqueNameTable>(
  db: Kysely<Database>,
  table: T,
  id: string,
  changes: Updateable<Database[T]> & Pick<NamedRow, 'name_key'>,
): Promise<boolean> {
  const named = db as unknown as Kysely<Record<UniqueNameTable, NamedRow>>;
  const from: UniqueNameTable = table;
  try {
    const result = await named
      .updateTable(from)
      .set(changes)
      .where('id', '=', id)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom(`${from} as other`)
              .select('other.id')
              .where('other.name_key', '=', changes.name_key)
              .where('other.id', '!=', id),
          ),
        ),
      )
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  } catch (error) {
    // A rename that raced another to the same name: the unique index refused it.
    const other = await named
      .selectFrom(from)
      .select('id')
      .where('name_key', '=', changes.name_key)
      .where('id', '!=', id)
      .executeTakeFirst();
    if (other !== undefined) return false;
    throw error;
  }
}
