// electron-builder afterPack hook: flips the fuses (fuses.mjs) in the packed app before signing
// and checks them; packaging stops if a fuse cannot be set.
import { flipAndVerifyFuses, packagedBinaryPath } from './fuses.mjs';

export default async function afterPack(context) {
  const platform = context.electronPlatformName;
  const binary = packagedBinaryPath({
    appOutDir: context.appOutDir,
    platform,
    productFilename: context.packager.appInfo.productFilename,
    executableName: context.packager.executableName ?? context.packager.appInfo.productFilename,
  });
  // An unsigned macOS build (arm64 in particular) must be re-signed ad hoc after the binary changed;
  // a real signature made afterwards replaces it.
  const fuses = await flipAndVerifyFuses(binary, { resetAdHocDarwinSignature: platform === 'darwin' || platform === 'mas' });
  console.log(`  • fuses set and verified  ${Object.entries(fuses).map(([name, on]) => `${name}=${on}`).join(' ')}`);
}
