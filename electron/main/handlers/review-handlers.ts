/**
 * Redaction review and releases over IPC: the review service's items with what the page needs to
 * show them (the texts they point into, the operators that fit, who decided), the release preview,
 * and prepare / check / approve. The services check roles and four eyes; the page only follows.
 */
import { isUserError } from '@shared/errors';
import { ALLOWED_OPERATORS } from '@shared/redaction/operators';
import { FIELD_RULES, fieldRulePattern } from '@shared/redaction/release';
import { textFieldsOf } from '@shared/redaction/text-fields';
import { SPAN_TYPES, type SpanType } from '@shared/redaction/types';
import type { RiskAssessment } from '@shared/redaction/risk';
import type { ResidualHit } from '@shared/redaction/residual';
import type { IpcResponse } from '@shared/ipc/contract';
import type { ReviewItemView } from '../../services/redaction/review-service';
import type { ReleaseSummary } from '../../services/redaction/release-service';
import type { Vault } from '../../services/vault/vault';
import type { IpcHandlers } from '../../host/types';
import type { HandlerState } from './context';
import { userNames } from './user-handlers';

type ItemAnswer = IpcResponse<'review:show'>['items'][number];

function allowedOperatorsOf(item: Pick<ReviewItemView, 'kind' | 'field' | 'type'>): ItemAnswer['allowedOperators'] {
  if (item.kind === 'field') return [...FIELD_RULES[fieldRulePattern(item.field)!]!.operators];
  return [...ALLOWED_OPERATORS[item.type as SpanType]];
}

function itemAnswer(item: ReviewItemView, names: ReadonlyMap<string, string>): ItemAnswer {
  const { decidedBy, ...rest } = item;
  return {
    ...rest,
    allowedOperators: allowedOperatorsOf(item),
    ...(decidedBy ? { decidedBy: names.get(decidedBy) ?? decidedBy } : {}),
  };
}

function residualAnswer(hits: readonly ResidualHit[]) {
  // The reason names rules and field paths; the page words the source itself.
  return hits.map(({ field, start, end, type, source }) => ({ field, start, end, type, source }));
}

function riskAnswer(risk: RiskAssessment): IpcResponse<'review:preview'>['risk'] {
  return {
    k: risk.k,
    count: risk.count,
    belowK: risk.belowK,
    ...(risk.suggestion
      ? { suggestion: { quasiField: risk.suggestion.step.quasiField, decisions: risk.suggestion.step.decisions.map((d) => ({ ...d })), count: risk.suggestion.count } }
      : {}),
  };
}

const isVoice = (mediaType: string) => /^(audio|video)\//i.test(mediaType);

function summaryAnswer(vault: Vault, summary: ReleaseSummary): IpcResponse<'release:prepare'> {
  const names = userNames(vault);
  return {
    releaseId: summary.releaseId,
    testimonyId: summary.testimonyId,
    version: summary.version,
    status: summary.status,
    preparedBy: names.get(summary.preparedBy) ?? summary.preparedBy,
    preparedByMe: summary.preparedBy === vault.user?.id,
    preparedAt: summary.preparedAt,
    ...(summary.approvedBy ? { approvedBy: names.get(summary.approvedBy) ?? summary.approvedBy, approvedAt: summary.approvedAt! } : {}),
    attachments: summary.attachments.map(({ attachmentId, name, mediaType, size }) => ({ attachmentId, name, mediaType, size })),
    excludedAttachments: summary.excludedAttachments.map(({ attachmentId, code }) => ({ attachmentId, code })),
    voiceAttachments: summary.attachments.filter((attachment) => isVoice(attachment.mediaType)).length,
    risk: summary.risk,
  };
}

export function reviewHandlers(state: HandlerState): Partial<IpcHandlers> {
  return {
    'review:start': (request) => {
      const { outcome, items, pending, carried } = state.services().review.start(request.testimonyId);
      return { outcome, items, pending, carried };
    },

    'review:show': (request) => {
      const { vault, review, testimonies } = state.services();
      const view = review.show(request.testimonyId);
      const names = userNames(vault);
      // The texts of the reviewed version: the items' offsets point into these, even once stale.
      const reviewed = testimonies.show(request.testimonyId, view.version).record;
      return {
        testimonyId: view.testimonyId,
        title: testimonies.show(request.testimonyId).title,
        version: view.version,
        currentVersion: view.currentVersion,
        stale: view.stale,
        counts: view.counts,
        typeOperators: view.typeOperators,
        allowedTypeOperators: Object.fromEntries(SPAN_TYPES.map((type) => [type, [...ALLOWED_OPERATORS[type]]])) as IpcResponse<'review:show'>['allowedTypeOperators'],
        items: view.items.map((item) => itemAnswer(item, names)),
        texts: textFieldsOf(reviewed).map(({ path, text, language }) => ({ path, text, language })),
      };
    },

    'review:decide': (request) =>
      state.services().review.decide(request.testimonyId, request.itemId, request.decision, {
        ...(request.operator ? { operator: request.operator } : {}),
        ...(request.level ? { level: request.level } : {}),
        ...(request.everyOccurrence ? { all: true } : {}),
        ...(request.sameAs ? { sameAs: request.sameAs } : {}),
      }),

    'review:add-span': (request) => {
      const { vault, review } = state.services();
      const item = review.add(request.testimonyId, {
        field: request.field,
        start: request.start,
        end: request.end,
        type: request.type,
        ...(request.operator ? { operator: request.operator } : {}),
        ...(request.level ? { level: request.level } : {}),
      });
      return { item: itemAnswer(item, userNames(vault)) };
    },

    'review:set-type-operator': (request) => {
      state.services().review.setTypeOperator(request.testimonyId, request.type, request.operator, request.level);
      return null;
    },

    'review:set-field': (request) => {
      const { vault, review } = state.services();
      return { item: itemAnswer(review.setField(request.testimonyId, request.field, request.operator, request.level), userNames(vault)) };
    },

    'review:attachments': (request) => {
      const { review, attachments } = state.services();
      const plans = new Map(review.attachmentPlans(request.testimonyId).map((plan) => [plan.attachmentId, plan]));
      return {
        attachments: attachments.list(request.testimonyId).map((attachment) => {
          const plan = plans.get(attachment.id);
          const media = attachment.mediaType.toLowerCase();
          const editable = media === 'image/jpeg' || media === 'image/png';
          return {
            id: attachment.id,
            fileName: attachment.fileName,
            mediaType: attachment.mediaType,
            size: attachment.size,
            plan: plan?.action ?? 'excluded',
            ...(plan?.action === 'excluded' ? { excluded: plan.code } : {}),
            voice: isVoice(media),
            editable,
            regions: editable ? review.regions(attachment.id) : [],
          };
        }),
      };
    },

    'review:image-size': (request) => state.services().review.imageSize(request.attachmentId),

    'review:include-attachment': (request) => ({
      voiceWarning: state.services().review.includeAttachment(request.attachmentId, request.include).warning !== undefined,
    }),

    'review:add-region': async (request) => {
      const { attachmentId, ...rectangle } = request;
      return state.services().review.addRegion(attachmentId, rectangle);
    },

    'review:remove-region': (request) => {
      state.services().review.removeRegion(request.attachmentId, request.regionId);
      return null;
    },

    'review:preview': async (request) => {
      const preview = await state.services().releases.preview(request.testimonyId);
      const { built } = preview;
      return {
        record: built.record,
        generalised: built.generalised,
        texts: textFieldsOf(built.record).map(({ path, text, language }) => ({ path, text, language, replaced: built.ranges[path]?.replaced ?? [], kept: built.ranges[path]?.kept ?? [] })),
        residual: residualAnswer(preview.residual),
        risk: riskAnswer(preview.risk),
        pending: preview.pending,
      };
    },

    'release:prepare': async (request) => {
      const { vault, releases } = state.services();
      return summaryAnswer(vault, await releases.prepare(request.testimonyId));
    },

    'release:check': async (request) => {
      const { vault, releases } = state.services();
      const check = await releases.check(request.testimonyId);
      const summary = summaryAnswer(vault, releases.show(request.testimonyId));
      return {
        releaseId: check.releaseId,
        canApprove: check.canApprove,
        reasons: check.reasons.map((reason) => ({ ...reason })),
        preparedBy: summary.preparedBy,
        preparedByMe: summary.preparedByMe,
        residual: residualAnswer(check.residual),
        risk: riskAnswer(check.risk),
        voiceAttachments: summary.voiceAttachments,
      };
    },

    'release:approve': async (request) => {
      const { vault, releases } = state.services();
      return summaryAnswer(vault, await releases.approve(request.testimonyId));
    },

    'release:show': (request) => {
      const { vault, releases, testimonies } = state.services();
      testimonies.show(request.testimonyId);
      let shown;
      try {
        shown = releases.show(request.testimonyId);
      } catch (error) {
        if (isUserError(error) && error.code === 'no-release') return { release: null };
        throw error;
      }
      return { release: { ...summaryAnswer(vault, shown), record: shown.record.record } };
    },
  };
}
