// Types of build/after-pack.mjs, for the TypeScript tests that import it.
export interface AfterPackContextLike {
  appOutDir: string;
  electronPlatformName: string;
  packager: { appInfo: { productFilename: string }; executableName?: string };
}
export default function afterPack(context: AfterPackContextLike): Promise<void>;
