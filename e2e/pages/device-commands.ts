import { expect, type Locator, type Page } from '@playwright/test';

/** The device page's Commands tab: the composer and the queue/history table. */
export class DeviceCommands {
  constructor(private readonly page: Page) {}

  async open(devId: string, tab: 'commands' | 'updates' | 'timeline' = 'commands'): Promise<void> {
    await this.page.goto(`/devices/${encodeURIComponent(devId)}?tab=${tab}`);
  }

  async compose(kind: string, clientUri: string): Promise<void> {
    await this.page.getByLabel('Command', { exact: true }).selectOption(kind);
    await this.page.getByRole('combobox', { name: 'ClientURI' }).fill(clientUri);
    await this.page.keyboard.press('Escape');
  }

  /** Queues what the composer holds; confirms with "Queue anyway" when the dry run objects. */
  async queue(expectedRow: Locator): Promise<void> {
    await this.page.getByRole('button', { name: 'Queue', exact: true }).click();
    const anyway = this.page.getByRole('button', { name: 'Queue anyway' });
    await expect(expectedRow.or(anyway).first()).toBeVisible();
    if (await anyway.isVisible()) await anyway.click();
    await expect(expectedRow).toBeVisible();
  }

  /** Closes every toast, so none covers a control a test clicks next. */
  async dismissToasts(): Promise<void> {
    const toasts = this.page.locator('.mantine-Notification-root');
    for (const close of await toasts.locator('.mantine-Notification-closeButton').all()) await close.click();
    await expect(toasts).toHaveCount(0);
  }

  rows(text: string): Locator {
    return this.page.getByTestId('command-row').filter({ hasText: text });
  }

  state(row: Locator): Locator {
    return row.locator('[data-state]').first();
  }
}
