/** Every authenticated console joins this room; device-scoped events go to `deviceRoom(devId)`. */
export const CONSOLE_ROOM = 'console';
const DEVICE_ROOM_PREFIX = 'device:';
export const deviceRoom = (devId: string) => `${DEVICE_ROOM_PREFIX}${devId}`;
export const isDeviceRoom = (room: string) => room.startsWith(DEVICE_ROOM_PREFIX);
