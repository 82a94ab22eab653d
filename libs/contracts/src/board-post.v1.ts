/** `POST /api/v1/board/posts` answer: the ids a citizen and the integrator keep. */
export interface BoardPostAcceptedV1 {
  messageId: string;
  caseId: string;
  trackingCode: string;
  /** True when this `postId` had been received before: the ids are the existing ones. */
  duplicate: boolean;
}
