import { expect, type Locator, type Page } from '@playwright/test';

export type CampaignForm = {
  name: string;
  query: string;
  action:
    | { kind: 'command'; clientUri: string }
    | { kind: 'firmware-update'; artifact: string }
    | { kind: 'software-install'; artifact: string };
  canary?: number;
  size?: number;
  errorThresholdPct?: number;
  healthGate?: { windowS: number };
  approval?: boolean;
};

/** Campaigns → New campaign: the form, its impact preview and Create. */
export class NewCampaignPage {
  constructor(private readonly page: Page) {}

  /** Opens the form from the Campaigns screen. */
  async open(): Promise<void> {
    await this.page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Campaigns' })
      .click();
    await this.page.getByRole('link', { name: 'New campaign' }).click();
    await expect(this.page).toHaveURL(/\/campaigns\/new$/);
  }

  private async setBox(label: string, value: number | string): Promise<void> {
    const box = this.page.getByRole('textbox', { name: label, exact: true });
    await box.fill(String(value));
  }

  async fill(form: CampaignForm): Promise<void> {
    await this.setBox('Name', form.name);
    const queryBox = this.page.getByRole('combobox', { name: 'Fleet query' });
    await queryBox.fill(form.query);
    await queryBox.press('Enter');
    await expect(this.page.getByTestId('applied-query')).toContainText(`Applies to: ${form.query}.`);
    const actions = this.page.getByRole('region', { name: 'Action' });
    if (form.action.kind === 'command') {
      await this.setBox('ClientURI', form.action.clientUri);
    } else {
      const label = form.action.kind === 'firmware-update' ? 'Firmware update' : 'Software install';
      await actions.getByText(label, { exact: true }).click();
      await actions.getByLabel('Artifact').selectOption({ label: form.action.artifact });
    }
    await this.setBox('Canary devices', form.canary ?? 0);
    await this.setBox('Wave size', form.size ?? 100);
    await this.setBox('Error threshold (%)', form.errorThresholdPct ?? 10);
    if (form.healthGate) {
      await this.page.getByLabel(/^Health gate/).check();
      await this.setBox('Window (seconds)', form.healthGate.windowS);
    }
    if (form.approval) await this.page.getByLabel(/second admin's approval/).check();
  }

  /** Runs the impact preview and returns its region. */
  async preview(): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Preview', exact: true }).click();
    const region = this.page.getByRole('region', { name: 'Impact preview' });
    await expect(region).toBeVisible();
    return region;
  }

  /** Creates the campaign (started, or asking for approval) and waits for its page. */
  async create(approval = false): Promise<string> {
    const label = approval ? 'Create and ask for approval' : 'Create and start';
    await this.page.getByRole('button', { name: label }).click();
    await expect(this.page).toHaveURL(/\/campaigns\/(?!new)[^/?]+/);
    return decodeURIComponent(new URL(this.page.url()).pathname.split('/').at(-1) ?? '');
  }
}

/** One campaign's page: state, verbs, counters, waves, failures and devices. */
export class CampaignDetail {
  constructor(private readonly page: Page) {}

  /** The state badge beside the campaign's name. */
  state(): Locator {
    return this.page.getByRole('heading', { level: 2 }).locator('xpath=following-sibling::*[@data-state]');
  }

  verbs(): Locator {
    return this.page.getByRole('group', { name: 'Campaign actions' });
  }

  count(state: 'ok' | 'failed' | 'skipped' | 'cancelled' | 'running' | 'pending'): Locator {
    return this.page.getByTestId(`count-${state}`);
  }

  waves(): Locator {
    return this.page.getByRole('region', { name: 'Waves' }).getByTestId('wave-row');
  }

  failures(): Locator {
    return this.page.getByRole('region', { name: 'Failures' }).getByTestId('failure-reason');
  }

  device(devId: string): Locator {
    return this.page.locator(`[data-testid="campaign-device-row"][data-devid="${devId}"]`);
  }

  /** Shows only the devices in `state` (or every device with ''). */
  async filterDevices(state: string): Promise<void> {
    await this.page.getByLabel('Device state').selectOption(state);
  }
}
