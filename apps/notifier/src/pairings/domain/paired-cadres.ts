/** A household's paired cadre (帮扶责任人) as the notifier addresses them. */
export interface PairedCadre {
  userId: string;
  name: string;
  /** The cadre's own org unit (often a county department, not the household's village). */
  orgUnit: string;
}

/**
 * The household's cadres in the pairing's order, each with the name and unit last heard for them; a cadre
 * whose name has not been heard keeps their user id as name (and no unit) rather than vanishing from the list.
 */
export function pairedCadres(
  cadreIds: readonly string[],
  names: ReadonlyMap<string, { name: string; orgUnit: string }>,
): PairedCadre[] {
  return [...new Set(cadreIds)].map((userId) => {
    const known = names.get(userId);
    return { userId, name: known?.name ?? userId, orgUnit: known?.orgUnit ?? '' };
  });
}
