/** How often a command was put into a P2, in words; null before the first time (protocol §12). */
export function describeDeliveries(deliveries: number): string | null {
  if (deliveries <= 0) return null;
  return deliveries === 1 ? 'Delivered once' : `Delivered ${deliveries} times`;
}
