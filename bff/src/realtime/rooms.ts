/** Every authenticated console joins this room; device-scoped events go to `deviceRoom(devId)`. */
export const CONSOLE_ROOM = 'console';
export const deviceRoom = (devId: string) => `device:${devId}`;
