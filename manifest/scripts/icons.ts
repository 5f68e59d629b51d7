/**
 * Renders the Teams app icons from their SVG sources (`npm run icons`):
 *   manifest/icon.svg    -> manifest/color.png    192x192, full colour
 *   manifest/outline.svg -> manifest/outline.png  32x32, white on transparent
 *
 * Teams rejects an outline icon with any pixel that is neither transparent nor white, so after
 * rendering every pixel's colour is forced to white and only the alpha channel (the anti-aliased
 * shape) is kept. The PNGs are committed; rerun this script after editing an SVG.
 */
import { promises as fs } from 'fs';
import path from 'path';
import sharp, { type Sharp } from 'sharp';

export const MANIFEST_DIR = path.resolve(__dirname, '..');
export const COLOR_ICON_SIZE = 192;
export const OUTLINE_ICON_SIZE = 32;

/** Renders an SVG to a square PNG of `size` pixels, drawn at that size (not scaled from a bitmap). */
async function renderSvg(svg: Buffer, size: number): Promise<Sharp> {
  const meta = await sharp(svg).metadata();
  const intrinsic = Math.max(meta.width ?? size, meta.height ?? size);
  const density = (72 * size) / intrinsic;
  return sharp(svg, { density }).resize(size, size, {
    fit: 'contain',
    background: { r: 0, g: 0, b: 0, alpha: 0 },
  });
}

export async function renderColorIcon(svg: Buffer, size = COLOR_ICON_SIZE): Promise<Buffer> {
  const image = await renderSvg(svg, size);
  return image.png({ compressionLevel: 9 }).toBuffer();
}

/** Renders the outline icon and forces every pixel to white, keeping only the alpha channel. */
export async function renderOutlineIcon(svg: Buffer, size = OUTLINE_ICON_SIZE): Promise<Buffer> {
  const image = await renderSvg(svg, size);
  const { data, info } = await image.ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  for (let i = 0; i < data.length; i += 4) {
    data[i] = 255;
    data[i + 1] = 255;
    data[i + 2] = 255;
  }
  return sharp(data, { raw: { width: info.width, height: info.height, channels: 4 } })
    .png({ compressionLevel: 9, palette: false })
    .toBuffer();
}

export async function renderIcons(manifestDir = MANIFEST_DIR): Promise<{ color: string; outline: string }> {
  const color = path.join(manifestDir, 'color.png');
  const outline = path.join(manifestDir, 'outline.png');
  await fs.writeFile(color, await renderColorIcon(await fs.readFile(path.join(manifestDir, 'icon.svg'))));
  await fs.writeFile(
    outline,
    await renderOutlineIcon(await fs.readFile(path.join(manifestDir, 'outline.svg'))),
  );
  return { color, outline };
}

if (require.main === module) {
  renderIcons().then(
    ({ color, outline }) => {
      console.log(
        `wrote ${path.relative(process.cwd(), color)} and ${path.relative(process.cwd(), outline)}`,
      );
    },
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exitCode = 1;
    },
  );
}
