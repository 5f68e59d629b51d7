/**
 * A host config close to Microsoft Teams' light theme (chat): Segoe UI with system and Noto
 * fallbacks (Noto Sans CJK for Chinese), Teams purple accent, white cards, Adaptive Cards 1.5,
 * interactive, actions as a horizontal row of buttons.
 */

const FONT_STACK = [
  '"Segoe UI"',
  '"Segoe UI Web (West European)"',
  '-apple-system',
  'BlinkMacSystemFont',
  'Roboto',
  '"Helvetica Neue"',
  '"Liberation Sans"',
  'Arial',
  '"Microsoft YaHei"',
  '"PingFang SC"',
  '"Noto Sans CJK SC"',
  '"Apple Color Emoji"',
  '"Segoe UI Emoji"',
  '"Noto Color Emoji"',
  'sans-serif',
].join(', ');

const MONO_STACK = [
  '"Cascadia Code"',
  'Consolas',
  '"Liberation Mono"',
  '"DejaVu Sans Mono"',
  '"Noto Sans Mono CJK SC"',
  'monospace',
].join(', ');

export const CARD_WIDTH_PX = 450;
export const TEAMS_ACCENT = '#6264A7';

const fontSizes = { small: 12, default: 14, medium: 14, large: 18, extraLarge: 24 };
const fontWeights = { lighter: 200, default: 400, bolder: 600 };

type Fg = Record<string, { default: string; subtle: string }>;

/**
 * Text colours per theme, as Microsoft Teams hands them to cards (the "microsoft-teams-light" and
 * "-dark" host configs of the Adaptive Cards samples; #AARRGGBB where the text is translucent).
 * High contrast is Teams' white-on-black theme: every colour name is drawn white or yellow.
 */
const LIGHT_FG: Fg = {
  default: { default: '#252424', subtle: '#BF252424' },
  dark: { default: '#252424', subtle: '#BF252424' },
  light: { default: '#FFFFFF', subtle: '#F3F2F1' },
  accent: { default: TEAMS_ACCENT, subtle: '#8B8CC7' },
  good: { default: '#92C353', subtle: '#E592C353' },
  warning: { default: '#F8D22A', subtle: '#E5F8D22A' },
  attention: { default: '#C4314B', subtle: '#E5C4314B' },
};
const DARK_FG: Fg = {
  default: { default: '#FFFFFF', subtle: '#BFFFFFFF' },
  dark: { default: '#201F1F', subtle: '#2D2C2C' },
  light: { default: '#FFFFFF', subtle: '#BFFFFFFF' },
  accent: { default: '#A6A7DC', subtle: '#8B8CC7' },
  good: { default: '#92C353', subtle: '#E592C353' },
  warning: { default: '#F8D22A', subtle: '#E5F8D22A' },
  attention: { default: '#D74654', subtle: '#E5D74654' },
};
/** On the light-coloured container styles (good, warning, …) the dark theme draws dark text. */
const DARK_ON_TINT_FG: Fg = { ...DARK_FG, default: { default: '#201F1F', subtle: '#2D2C2C' } };
const HIGH_CONTRAST_FG: Fg = {
  default: { default: '#FFFFFF', subtle: '#FFFFFF' },
  dark: { default: '#FFFFFF', subtle: '#FFFFFF' },
  light: { default: '#FFFFFF', subtle: '#FFFFFF' },
  accent: { default: '#FFFF01', subtle: '#FFFF01' },
  good: { default: '#3FF23F', subtle: '#3FF23F' },
  warning: { default: '#FFFF01', subtle: '#FFFF01' },
  attention: { default: '#FF6B6B', subtle: '#FF6B6B' },
};

export type ThemeName = 'light' | 'dark' | 'high-contrast';

interface Palette {
  page: string;
  card: string;
  text: string;
  border: string;
  containers: Record<string, { backgroundColor: string; foregroundColors: Fg }>;
}

const PALETTES: Record<ThemeName, Palette> = {
  light: {
    page: '#F5F5F5',
    card: '#FFFFFF',
    text: '#242424',
    border: '#D1D1D1',
    containers: {
      default: { backgroundColor: '#FFFFFF', foregroundColors: LIGHT_FG },
      emphasis: { backgroundColor: '#F9F8F7', foregroundColors: LIGHT_FG },
      accent: { backgroundColor: '#C7DEF9', foregroundColors: LIGHT_FG },
      good: { backgroundColor: '#CCFFCC', foregroundColors: LIGHT_FG },
      attention: { backgroundColor: '#FFC5B2', foregroundColors: LIGHT_FG },
      warning: { backgroundColor: '#FFE2B2', foregroundColors: LIGHT_FG },
    },
  },
  dark: {
    page: '#1F1F1F',
    card: '#2D2C2C',
    text: '#FFFFFF',
    border: '#605E5C',
    containers: {
      default: { backgroundColor: '#2D2C2C', foregroundColors: DARK_FG },
      emphasis: { backgroundColor: '#292828', foregroundColors: DARK_FG },
      accent: { backgroundColor: '#C7DEF9', foregroundColors: DARK_ON_TINT_FG },
      good: { backgroundColor: '#CCFFCC', foregroundColors: DARK_ON_TINT_FG },
      attention: { backgroundColor: '#FFC5B2', foregroundColors: DARK_ON_TINT_FG },
      warning: { backgroundColor: '#FFE2B2', foregroundColors: DARK_ON_TINT_FG },
    },
  },
  'high-contrast': {
    page: '#000000',
    card: '#000000',
    text: '#FFFFFF',
    border: '#FFFFFF',
    containers: Object.fromEntries(
      ['default', 'emphasis', 'accent', 'good', 'attention', 'warning'].map((k) => [
        k,
        { backgroundColor: '#000000', foregroundColors: HIGH_CONTRAST_FG },
      ]),
    ),
  },
};

function hostConfigFor(palette: Palette) {
  return {
    hostCapabilities: {},
    choiceSetInputValueSeparator: ',',
    supportsInteractivity: true,
    fontFamily: FONT_STACK,
    fontTypes: {
      default: { fontFamily: FONT_STACK, fontSizes, fontWeights },
      monospace: { fontFamily: MONO_STACK, fontSizes, fontWeights },
    },
    fontSizes,
    fontWeights,
    lineHeights: { small: 16, default: 20, medium: 20, large: 24, extraLarge: 32 },
    spacing: { small: 8, default: 12, medium: 16, large: 20, extraLarge: 24, padding: 16 },
    separator: { lineThickness: 1, lineColor: '#E0E0E0' },
    imageSizes: { small: 32, medium: 52, large: 100 },
    containerStyles: palette.containers,
    actions: {
      maxActions: 6,
      spacing: 'default',
      buttonSpacing: 8,
      showCard: { actionMode: 'inline', inlineTopMargin: 16, style: 'emphasis' },
      preExpandSingleShowCardAction: false,
      actionsOrientation: 'horizontal',
      actionAlignment: 'left',
      iconPlacement: 'leftOfTitle',
      iconSize: 16,
    },
    adaptiveCard: { allowCustomStyle: true },
    imageSet: { imageSize: 'medium', maxImageHeight: 100 },
    media: { allowInlinePlayback: false },
    factSet: {
      title: {
        color: 'default',
        size: 'default',
        isSubtle: false,
        weight: 'bolder',
        wrap: true,
        maxWidth: 150,
      },
      value: { color: 'default', size: 'default', isSubtle: false, weight: 'default', wrap: true },
      spacing: 12,
    },
    textBlock: { headingLevel: 2 },
    textStyles: {
      heading: { size: 'large', weight: 'bolder', color: 'default', isSubtle: false, fontType: 'default' },
      columnHeader: {
        size: 'default',
        weight: 'bolder',
        color: 'default',
        isSubtle: false,
        fontType: 'default',
      },
    },
    inputs: {
      label: {
        inputSpacing: 'small',
        requiredInputs: { weight: 'bolder', suffix: ' *', suffixColor: 'attention' },
        optionalInputs: { weight: 'bolder' },
      },
      errorMessage: { size: 'small', color: 'attention' },
    },
  };
}

/** Teams-like buttons and inputs (the renderer only sets layout; the host styles controls). */
function cssFor(p: Palette): string {
  return `
  html, body { margin: 0; background: ${p.page}; font-family: ${FONT_STACK}; font-size: 14px; color: ${p.text}; }
  #stage { width: ${CARD_WIDTH_PX}px; padding: 16px; }
  .card-frame { width: ${CARD_WIDTH_PX}px; background: ${p.card}; border-radius: 6px;
    box-shadow: 0 1px 2px rgba(0,0,0,.14), 0 0 2px rgba(0,0,0,.12); overflow: hidden; }
  .ac-adaptiveCard { border-radius: 6px; }
  .ac-adaptiveCard p { margin: 0; }
  .ac-pushButton { font-family: ${FONT_STACK}; font-size: 14px; font-weight: 600; min-height: 32px;
    padding: 5px 12px; border-radius: 4px; border: 1px solid ${p.border}; background: ${p.card}; color: ${p.text};
    cursor: pointer; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .ac-pushButton.style-positive, .ac-pushButton.primary { background: ${TEAMS_ACCENT}; border-color: ${TEAMS_ACCENT}; color: #FFFFFF; }
  .ac-pushButton.style-destructive { color: #C4314B; border-color: #C4314B; }
  .ac-pushButton.expanded { outline: 2px solid ${TEAMS_ACCENT}; }
  .ac-input, input, select, textarea, button { font-family: ${FONT_STACK}; font-size: 14px; color: ${p.text}; }
  .ac-textInput, .ac-numberInput, .ac-dateInput, .ac-timeInput, .ac-multichoiceInput.ac-choiceSetInput-compact {
    min-height: 32px; box-sizing: border-box; padding: 4px 8px; border: 1px solid ${p.border};
    border-bottom-color: ${p.text}; border-radius: 4px; background: ${p.card}; }
  .ac-textInput.ac-multiline { min-height: 64px; }
  a.ac-anchor, .ac-textBlock a { color: ${TEAMS_ACCENT}; text-decoration: none; }
`;
}

export interface Theme {
  name: ThemeName;
  hostConfig: ReturnType<typeof hostConfigFor>;
  css: string;
}

/** Teams' three themes, light first (the gallery's main pictures). */
export const THEMES: Theme[] = (['light', 'dark', 'high-contrast'] as const).map((name) => ({
  name,
  hostConfig: hostConfigFor(PALETTES[name]),
  css: cssFor(PALETTES[name]),
}));

export const TEAMS_LIGHT_HOST_CONFIG = THEMES[0].hostConfig;
export const TEAMS_LIGHT_CSS = THEMES[0].css;
