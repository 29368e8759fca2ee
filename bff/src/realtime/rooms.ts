/** Every authenticated console joins this room; device-scoped events go to `deviceRoom(devId)`. */
export const CONSOLE_ROOM = 'console';
const DEVICE_ROOM_PREFIX = 'device:';
export const deviceRoom = (devId: string) => `${DEVICE_ROOM_PREFIX}${devId}`;
export const isDeviceRoom = (room: string) => room.startsWith(DEVICE_ROOM_PREFIX);
/** Every socket of a console user, so its sessions can be ended at once (protocol §10). */
export const userRoom = (username: string) => `user:${username}`;
/** The sockets of one session (by its token hash): a user's other sessions can end without it. */
export const sessionRoom = (tokenHash: string) => `session:${tokenHash}`;
