import { createBrowserRouter, Navigate } from 'react-router';
import { AlertsPage } from '../features/alerts/components/alerts-page';
import { LoginPage } from '../features/auth/components/login-page';
import { DevicesPage } from '../features/devices/components/devices-page';
import { RouteError } from './route-error';
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
      { index: true, element: <Navigate to="/devices" replace /> },
      { path: 'devices', element: <DevicesPage /> },
      { path: 'devices/:devId', element: <DeviceRoute /> },
      { path: 'alerts', element: <AlertsPage /> },
      { path: '*', element: <NotFoundRoute /> },
    ],
  },
]);
