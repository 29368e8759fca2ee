import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import type { CreateProfileInput, Profile, ProfileDeviceState } from '@dmc/shared/api';
import { adminToken } from '../fixtures/api';

export type ProfileFormInput = {
  name: string;
  query: string;
  priority?: number;
  nodes: { uri: string; value: string }[];
};

/** Profiles → New profile: the form and Create. */
export class NewProfilePage {
  constructor(private readonly page: Page) {}

  /** Opens the form from the Profiles screen (through the main navigation). */
  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Profiles' }).click();
    await this.page.getByRole('link', { name: 'New profile' }).click();
    await expect(this.page).toHaveURL(/\/profiles\/new$/);
  }

  async fill(form: ProfileFormInput): Promise<void> {
    await this.page.getByRole('textbox', { name: 'Name', exact: true }).fill(form.name);
    const queryBox = this.page.getByRole('combobox', { name: 'Fleet query' });
    await queryBox.fill(form.query);
    await queryBox.press('Enter');
    await expect(this.page.getByTestId('profile-match-count')).toContainText(`Applies to: ${form.query}`);
    if (form.priority !== undefined) {
      await this.page.getByRole('textbox', { name: 'Priority' }).fill(String(form.priority));
    }
    for (const [i, node] of form.nodes.entries()) {
      if (i > 0) await this.page.getByRole('button', { name: 'Add node' }).click();
      await this.page.getByRole('textbox', { name: `Node ${i + 1} ClientURI` }).fill(node.uri);
      await this.page.getByRole('textbox', { name: `Node ${i + 1} value` }).fill(node.value);
    }
  }

  /** Creates the profile and waits for its page; its id. */
  async create(): Promise<string> {
    await this.page.getByRole('button', { name: 'Create profile' }).click();
    await expect(this.page).toHaveURL(/\/profiles\/[^/]+$/);
    return decodeURIComponent(new URL(this.page.url()).pathname.split('/').at(-1) ?? '');
  }
}

/** The Profiles list. */
export class ProfileList {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Profiles' }).click();
    await expect(this.page.getByRole('table', { name: 'Profiles' })).toBeVisible();
  }

  row(name: string): Locator {
    return this.page.locator(`[data-testid="profile-row"][data-name="${name}"]`);
  }

  count(name: string, status: string): Locator {
    return this.row(name).getByTestId(`count-${status}`);
  }
}

/** One profile's page. */
export class ProfileDetail {
  constructor(private readonly page: Page) {}

  async open(id: string): Promise<void> {
    await this.page.goto(`/profiles/${encodeURIComponent(id)}`);
    await expect(this.page.getByTestId('profile-query')).toBeVisible();
  }

  conflicts(): Locator {
    return this.page.getByTestId('profile-conflict');
  }

  device(devId: string): Locator {
    return this.page.locator(`[data-testid="profile-device-row"][data-devid="${devId}"]`);
  }

  async showDevices(status: string): Promise<void> {
    await this.page.getByRole('tab', { name: new RegExp(`^${status} \\(`) }).click();
  }
}

/** The device page's Profiles tab. */
export class DeviceProfilesTab {
  constructor(private readonly page: Page) {}

  async open(devId: string): Promise<void> {
    await this.page.goto(`/devices/${encodeURIComponent(devId)}?tab=profiles`);
    await expect(this.page.getByRole('tab', { name: 'Profiles' })).toHaveAttribute('aria-selected', 'true');
  }

  row(profileName: string): Locator {
    return this.page.locator(`[data-testid="device-profile-row"][data-profile="${profileName}"]`);
  }
}

/** Profiles made through the console API (set-up and clean-up of the specs). */
export class ProfileApi {
  constructor(private readonly request: APIRequestContext) {}

  private async headers() {
    return { authorization: `Bearer ${await adminToken(this.request)}` };
  }

  async create(input: Partial<CreateProfileInput> & Pick<CreateProfileInput, 'name' | 'query' | 'nodes'>) {
    const res = await this.request.post('/api/v1/profiles', { headers: await this.headers(), data: input });
    expect(res.status(), await res.text()).toBe(201);
    return (await res.json()) as Profile;
  }

  async get(id: string): Promise<Profile> {
    const res = await this.request.get(`/api/v1/profiles/${encodeURIComponent(id)}`, {
      headers: await this.headers(),
    });
    expect(res.status()).toBe(200);
    return (await res.json()) as Profile;
  }

  async ofDevice(devId: string): Promise<ProfileDeviceState[]> {
    const res = await this.request.get(`/api/v1/devices/${encodeURIComponent(devId)}/profiles`, {
      headers: await this.headers(),
    });
    expect(res.status()).toBe(200);
    return ((await res.json()) as { items: ProfileDeviceState[] }).items;
  }

  /** Deletes every profile whose name starts with `prefix` (this run's). */
  async removeAll(prefix: string): Promise<void> {
    const headers = await this.headers();
    const res = await this.request.get('/api/v1/profiles', { headers });
    if (!res.ok()) return;
    const { items } = (await res.json()) as { items: Profile[] };
    for (const p of items.filter((item) => item.name.startsWith(prefix))) {
      await this.request.delete(`/api/v1/profiles/${encodeURIComponent(p.id)}`, { headers });
    }
  }
}
