import { expect, type Locator, type Page } from '@playwright/test';

/** Admin → Users: the users table, its confirmations and the new-user form. */
export class UsersPage {
  readonly table: Locator;
  readonly form: Locator;

  constructor(private readonly page: Page) {
    this.table = page.getByRole('table', { name: 'Users' });
    this.form = page.getByRole('form', { name: 'New user' });
  }

  /** Opens the screen from the navigation, as a person would. */
  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click();
    await expect(this.page).toHaveURL(/\/users$/);
    await expect(this.table).toBeVisible();
  }

  row(username: string): Locator {
    return this.table.locator(`[data-testid="user-row"][data-username="${username}"]`);
  }

  status(username: string): Locator {
    return this.row(username).getByTestId('user-status');
  }

  async create(username: string, password: string, role: string): Promise<void> {
    await this.form.getByRole('textbox', { name: 'Username' }).fill(username);
    await this.form.getByRole('combobox', { name: 'Role' }).click();
    await this.page
      .getByRole('listbox', { name: 'Role' })
      .getByRole('option', { name: role, exact: true })
      .click();
    await expect(this.form.getByRole('combobox', { name: 'Role' })).toHaveValue(role);
    await this.form.getByLabel(/^New password/).fill(password);
    await this.form.getByLabel(/^Repeat the new password/).fill(password);
    await this.form.getByRole('button', { name: 'Create user' }).click();
    await expect(this.row(username)).toBeVisible();
  }

  /** Lifts a user's sign-in lockout from its row; the toast says it is done. */
  async clearLockout(username: string): Promise<void> {
    await this.row(username).getByRole('button', { name: 'Clear lockout' }).click();
    await expect(this.page.getByText(`${username} may sign in again at once.`)).toBeVisible();
  }

  /** Disables a user through its row and the confirmation that says its sessions end. */
  async disable(username: string): Promise<void> {
    await this.row(username).getByRole('button', { name: 'Disable' }).click();
    const dialog = this.page.getByRole('dialog', { name: `Disable ${username}?` });
    await expect(dialog).toContainText('its open consoles are signed out');
    await dialog.getByRole('button', { name: 'Disable' }).click();
    await expect(dialog).toBeHidden();
  }
}
