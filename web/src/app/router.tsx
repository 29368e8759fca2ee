import { createBrowserRouter, Navigate } from 'react-router';
import { AccountPage } from '../features/account/components/account-page';
import { ArtifactsPage } from '../features/artifacts/components/artifacts-page';
import { AuditPage } from '../features/audit/components/audit-page';
import { CampaignDetailPage } from '../features/campaigns/components/campaign-detail-page';
import { CampaignsPage } from '../features/campaigns/components/campaigns-page';
import { NewCampaignPage } from '../features/campaigns/components/new-campaign-page';
import { EditProfilePage, NewProfilePage } from '../features/profiles/components/profile-form-pages';
import { ProfileDetailPage } from '../features/profiles/components/profile-detail-page';
import { ProfilesPage } from '../features/profiles/components/profiles-page';
import { PageTemplatesPage } from '../features/page-templates/components/page-templates-page';
import { LoginPage } from '../features/auth/components/login-page';
import { CommandsPage } from '../features/commands/components/commands-page';
import { DashboardPage } from '../features/dashboard/components/dashboard-page';
import { DevicesPage } from '../features/devices/components/devices-page';
import { UsersPage } from '../features/users/components/users-page';
import { RouteError } from './route-error';
import { AlertsRoute } from './routes/alerts-route';
import { DeviceRoute } from './routes/device-route';
import { NotFoundRoute } from './routes/not-found-route';
import { RequireAuth } from './routes/require-auth';
import { ShellLayout } from './shell/shell-layout';

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage />, errorElement: <RouteError /> },
  {
    path: '/',
    element: (
      <RequireAuth>
        <ShellLayout />
      </RequireAuth>
    ),
    errorElement: <RouteError />,
    children: [
      { index: true, element: <Navigate to="/dashboard" replace /> },
      { path: 'dashboard', element: <DashboardPage /> },
      { path: 'devices', element: <DevicesPage /> },
      { path: 'devices/:devId', element: <DeviceRoute /> },
      { path: 'campaigns', element: <CampaignsPage /> },
      { path: 'campaigns/new', element: <NewCampaignPage /> },
      { path: 'campaigns/:id', element: <CampaignDetailPage /> },
      { path: 'profiles', element: <ProfilesPage /> },
      { path: 'profiles/new', element: <NewProfilePage /> },
      { path: 'profiles/:id', element: <ProfileDetailPage /> },
      { path: 'profiles/:id/edit', element: <EditProfilePage /> },
      { path: 'alerts', element: <AlertsRoute /> },
      { path: 'commands', element: <CommandsPage /> },
      { path: 'artifacts', element: <ArtifactsPage /> },
      { path: 'pages', element: <PageTemplatesPage /> },
      { path: 'audit', element: <AuditPage /> },
      { path: 'users', element: <UsersPage /> },
      { path: 'account', element: <AccountPage /> },
      { path: '*', element: <NotFoundRoute /> },
    ],
  },
]);
