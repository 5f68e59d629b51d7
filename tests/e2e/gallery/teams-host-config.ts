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

const foregroundColors = {
  default: { default: '#242424', subtle: '#616161' },
  dark: { default: '#242424', subtle: '#616161' },
  light: { default: '#FFFFFF', subtle: '#F3F2F1' },
  accent: { default: TEAMS_ACCENT, subtle: '#8B8CC7' },
  good: { default: '#237B4B', subtle: '#92C353' },
  warning: { default: '#835C00', subtle: '#C19C00' },
  attention: { default: '#C4314B', subtle: '#D36A7D' },
};

export const TEAMS_LIGHT_HOST_CONFIG = {
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
  containerStyles: {
    default: { backgroundColor: '#FFFFFF', foregroundColors },
    emphasis: { backgroundColor: '#F5F5F5', foregroundColors },
    accent: { backgroundColor: '#E8EBFA', foregroundColors },
    good: { backgroundColor: '#E7F2DA', foregroundColors },
    attention: { backgroundColor: '#FCF4F6', foregroundColors },
    warning: { backgroundColor: '#FBF6D9', foregroundColors },
  },
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

/** Teams-like buttons and inputs (the renderer only sets layout; the host styles controls). */
export const TEAMS_LIGHT_CSS = `
  html, body { margin: 0; background: #F5F5F5; font-family: ${FONT_STACK}; font-size: 14px; color: #242424; }
  #stage { width: ${CARD_WIDTH_PX}px; padding: 16px; }
  .card-frame { width: ${CARD_WIDTH_PX}px; background: #FFFFFF; border-radius: 6px;
    box-shadow: 0 1px 2px rgba(0,0,0,.14), 0 0 2px rgba(0,0,0,.12); overflow: hidden; }
  .ac-adaptiveCard { border-radius: 6px; }
  .ac-adaptiveCard p { margin: 0; }
  .ac-pushButton { font-family: ${FONT_STACK}; font-size: 14px; font-weight: 600; min-height: 32px;
    padding: 5px 12px; border-radius: 4px; border: 1px solid #D1D1D1; background: #FFFFFF; color: #242424;
    cursor: pointer; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .ac-pushButton.style-positive, .ac-pushButton.primary { background: ${TEAMS_ACCENT}; border-color: ${TEAMS_ACCENT}; color: #FFFFFF; }
  .ac-pushButton.style-destructive { color: #C4314B; border-color: #C4314B; }
  .ac-pushButton.expanded { background: #E8EBFA; }
  .ac-input, input, select, textarea, button { font-family: ${FONT_STACK}; font-size: 14px; color: #242424; }
  .ac-textInput, .ac-numberInput, .ac-dateInput, .ac-timeInput, .ac-multichoiceInput.ac-choiceSetInput-compact {
    min-height: 32px; box-sizing: border-box; padding: 4px 8px; border: 1px solid #D1D1D1;
    border-bottom-color: #616161; border-radius: 4px; background: #FFFFFF; }
  .ac-textInput.ac-multiline { min-height: 64px; }
  a.ac-anchor, .ac-textBlock a { color: ${TEAMS_ACCENT}; text-decoration: none; }
`;
