/** Usage lines of tw review and tw release; apart from the commands so that `tw help` loads no detector. */
export const REDACTION_USAGE = `  tw review start ID --vault DIR [--json]            run detection; suggestions become pending (again after a new version)
  tw review list ID --vault DIR [--pending] [--json]
  tw review decide ID ITEM accept|reject --vault DIR [--operator remove|pseudonym|generalise|keep] [--level year|decade|band5] [--all] [--same-as ITEM]
  tw review add ID --start N --end N --type T --vault DIR [--field narrative|translation|PATH] [--operator OP] [--level L]
  tw review operator ID TYPE OPERATOR --vault DIR [--level L]   operator for every span of a type
  tw review field ID PATH OPERATOR --vault DIR [--level L]      e.g. interviewee.birthYear generalise
  tw review attachment ATTACHMENT_ID --include|--exclude --vault DIR
  tw review region ATTACHMENT_ID --x N --y N --width N --height N --vault DIR   black out (or --remove REGION)
  tw release prepare ID --vault DIR [--k N] [--json]  build the redacted release for a second reviewer
  tw release check ID --vault DIR [--k N] [--json]    what approval would find (residual hits, pending, k-count)
  tw release approve ID --vault DIR [--k N] [--json]  approve (a reviewer other than the one who prepared it)
  tw release show ID --vault DIR [--json]             the redacted record`;
