import { createContext, useContext } from 'react';
import { socket, type ConsoleSocket } from './socket';

/** The socket the console's hooks listen on: the one app socket, unless a provider names another. */
export const SocketContext = createContext<ConsoleSocket>(socket);

export function useSocket(): ConsoleSocket {
  return useContext(SocketContext);
}
