// Buttons that change things (queue, wake, save, delete, start). While the console has lost the
// server they are disabled and say why, in one place rather than on each screen; read-only controls
// (filters, tabs, navigation) stay plain Mantine buttons.
import { ActionIcon, Button, type ActionIconProps, type ButtonProps, type ElementProps } from '@mantine/core';
import { SERVER_LOST_REASON, useServerLost } from '../../hooks/use-server-lost';

type ActionButtonProps = ButtonProps & ElementProps<'button', keyof ButtonProps>;

/** A Mantine `Button` that is disabled while the server is lost. */
export function ActionButton({ disabled, ...props }: ActionButtonProps) {
  const isLost = useServerLost();
  if (!isLost) return <Button disabled={disabled === true} {...props} />;
  return <Button {...props} disabled title={SERVER_LOST_REASON} data-server-lost />;
}

type ActionIconButtonProps = ActionIconProps & ElementProps<'button', keyof ActionIconProps>;

/** A Mantine `ActionIcon` (give it an `aria-label`) that is disabled while the server is lost. */
export function ActionIconButton({ disabled, ...props }: ActionIconButtonProps) {
  const isLost = useServerLost();
  return (
    <ActionIcon
      {...props}
      disabled={isLost || disabled === true}
      {...(isLost ? { title: SERVER_LOST_REASON } : {})}
    />
  );
}
