import { expect, type Locator, type Page } from '@playwright/test';

/** The device page's Tree tab: explorer, node details, staged changes drawer. */
export class DeviceTreePage {
  readonly tree: Locator;
  readonly details: Locator;
  readonly drawer: Locator;

  constructor(private readonly page: Page) {
    this.tree = page.getByRole('tree', { name: 'Management tree' });
    this.details = page.getByRole('region', { name: 'Node details' });
    this.drawer = page.getByRole('dialog', { name: 'Staged changes' });
  }

  async open(devId: string, node?: string): Promise<void> {
    const query = node === undefined ? '' : `?node=${encodeURIComponent(node)}`;
    await this.page.goto(`/devices/${encodeURIComponent(devId)}${query}`);
    await expect(this.tree).toBeVisible();
  }

  /** A row of the explorer by its node path below the MO root ('' = an instance root). */
  row(path: string): Locator {
    return this.tree.locator(`[role="treeitem"][data-path="${path}"]`);
  }

  instanceRow(label: string): Locator {
    return this.tree.getByRole('treeitem', { name: label, exact: true });
  }

  /** The accessible name of the row the keyboard cursor is on. */
  async activeName(): Promise<string | null> {
    const id = await this.tree.getAttribute('aria-activedescendant');
    return id === null ? null : this.page.locator(`#${id}`).getAttribute('aria-label');
  }

  /** Presses ArrowDown until the cursor is on `name` (at most `limit` times). */
  async arrowDownTo(name: string, limit = 40): Promise<void> {
    for (let i = 0; i < limit && (await this.activeName()) !== name; i += 1) {
      await this.tree.press('ArrowDown');
    }
    expect(await this.activeName()).toBe(name);
  }

  async openDrawer(): Promise<void> {
    await this.page.getByRole('button', { name: /^Staged changes/ }).click();
    await expect(this.drawer).toBeVisible();
  }
}
