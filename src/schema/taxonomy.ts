/**
 * The RATs40K anomaly taxonomy (Time-RA, arXiv 2507.15066), as data. Ids and names are the
 * dataset's; one-line definitions are ours and go into prompts and reports.
 */
export interface Category {
  id: number;
  name: string;
  definition: string;
}

export const univariateCategories = [
  {
    id: 0,
    name: 'Normal Sequence',
    definition: 'No anomaly: the series behaves as its own history predicts.',
  },
  {
    id: 1,
    name: 'Point Anomaly',
    definition: 'A single observation (or a few) far from its neighbours.',
  },
  {
    id: 2,
    name: 'Periodic Change Anomaly',
    definition: 'The period, frequency or phase of a seasonal pattern changes.',
  },
  {
    id: 3,
    name: 'Trend Change Anomaly',
    definition: 'The direction or slope of the underlying trend changes.',
  },
  {
    id: 4,
    name: 'Change Point Anomaly',
    definition: 'The level shifts abruptly and stays at the new level.',
  },
  {
    id: 5,
    name: 'Distributional Change Anomaly',
    definition: 'The spread or distribution of values changes while the level may not.',
  },
  {
    id: 6,
    name: 'Amplitude Anomaly',
    definition: 'Oscillations become unusually large or small in amplitude.',
  },
  {
    id: 7,
    name: 'Pattern Change Anomaly',
    definition: 'The shape of a recurring pattern changes within a segment.',
  },
  {
    id: 8,
    name: 'Sparse Anomaly',
    definition: 'Isolated, scattered irregular observations over a long span.',
  },
  {
    id: 9,
    name: 'Repeated Value Anomaly',
    definition: 'The same value repeats where variation is expected.',
  },
  {
    id: 10,
    name: 'Sudden Flatline Anomaly',
    definition: 'The signal suddenly goes flat, e.g. a stuck or dead sensor.',
  },
  {
    id: 11,
    name: 'Drift Anomaly',
    definition: 'A slow, gradual departure from the normal level over time.',
  },
  {
    id: 12,
    name: 'Sudden Spike Anomaly',
    definition: 'A sharp, short-lived jump up or down that quickly reverts.',
  },
  {
    id: 13,
    name: 'Continuous Segment Anomaly',
    definition: 'A contiguous segment of abnormal values rather than single points.',
  },
  {
    id: 14,
    name: 'Nonlinear Pattern Anomaly',
    definition: 'A complex, nonlinear deviation not captured by simpler kinds.',
  },
] as const satisfies readonly Category[];

export const multivariateCategories = [
  {
    id: 0,
    name: 'Normal Sequence',
    definition: 'No anomaly: channels behave and relate to each other as usual.',
  },
  {
    id: 1,
    name: 'Covariance Structure Anomaly',
    definition: 'The co-variation between channels changes.',
  },
  {
    id: 2,
    name: 'Temporal Dependency Anomaly',
    definition: 'Lead/lag or autocorrelation relations between channels break.',
  },
  {
    id: 3,
    name: 'Trend Divergence Anomaly',
    definition: 'Channels that trended together diverge.',
  },
  {
    id: 4,
    name: 'Local Structural Jump Anomaly',
    definition: 'A sudden local jump in one or more channels breaks the joint structure.',
  },
  {
    id: 5,
    name: 'Joint Space Anomaly',
    definition: 'A combination of values that is unusual jointly though each channel looks normal.',
  },
  {
    id: 6,
    name: 'Principal Component Space Anomaly',
    definition: 'Deviation along the main components of the joint variation.',
  },
  {
    id: 7,
    name: 'Collinearity Shift Anomaly',
    definition: 'A linear relation between channels shifts.',
  },
] as const satisfies readonly Category[];

export type UnivariateCategoryName = (typeof univariateCategories)[number]['name'];
export type MultivariateCategoryName = (typeof multivariateCategories)[number]['name'];
export type CategoryName = UnivariateCategoryName | MultivariateCategoryName;

/** Every category name, univariate first, each once ("Normal Sequence" is shared). */
export const categoryNames: readonly [CategoryName, ...CategoryName[]] = [
  ...univariateCategories.map((category) => category.name),
  ...multivariateCategories
    .filter((category) => category.id !== 0)
    .map((category) => category.name),
] as [CategoryName, ...CategoryName[]];

export const NORMAL_CATEGORY = 'Normal Sequence' satisfies CategoryName;

/** Looks a category up by exact name in the univariate or multivariate list. */
export function findCategory(
  name: string,
  kind?: 'univariate' | 'multivariate',
): Category | undefined {
  const lists: readonly (readonly Category[])[] =
    kind === 'univariate'
      ? [univariateCategories]
      : kind === 'multivariate'
        ? [multivariateCategories]
        : [univariateCategories, multivariateCategories];
  for (const list of lists) {
    const found = list.find((category) => category.name === name);
    if (found !== undefined) return found;
  }
  return undefined;
}
