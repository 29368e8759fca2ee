import { expect, type Locator, type Page } from '@playwright/test';

/** One entry as the table shows it; `role` is the actor's role when the call was made. */
export type AuditEntry = { actor: string; role: string; action: string; target: string; outcome?: string };

/** Admin → Audit: the filters, the chain check and the log table (newest first). */
export class AuditPage {
  readonly table: Locator;
  readonly filters: Locator;

  constructor(private readonly page: Page) {
    this.table = page.getByRole('table', { name: 'Audit log' });
    this.filters = page.getByRole('form', { name: 'Audit filters' });
  }

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit' }).click();
    await expect(this.page).toHaveURL(/\/audit$/);
    await expect(this.table).toBeVisible();
  }

  /** The rows of one entry; the actor cell reads "name (role)". */
  entry({ actor, role, action, target, outcome = 'ok' }: AuditEntry): Locator {
    const cell = (name: string) => this.page.getByRole('cell', { name, exact: true });
    return this.table
      .getByTestId('audit-row')
      .filter({ has: cell(`${actor} (${role})`) })
      .filter({ has: cell(action) })
      .filter({ has: cell(target) })
      .filter({ has: cell(outcome) });
  }

  async filterBy(fields: { Actor?: string; Action?: string; Target?: string }): Promise<void> {
    for (const label of ['Actor', 'Action', 'Target'] as const) {
      await this.filters.getByRole('textbox', { name: label }).fill(fields[label] ?? '');
    }
    await this.filters.getByRole('button', { name: 'Apply filters' }).click();
  }

  async verify(): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Verify chain' }).click();
    const result = this.page.getByTestId('audit-verify-result');
    await expect(result).toBeVisible();
    return result;
  }
}
