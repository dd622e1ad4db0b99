import { z } from "zod";
import { InstantSchema } from "./dates";
import { createParsers } from "./parse";

/** An ATS event candidates can reserve (a seminar, briefing or interview day). */
export const EventSchema = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  startsAt: InstantSchema.optional(),
  endsAt: InstantSchema.optional(),
  /** Graduation year the event is for, for new-graduate recruiting (e.g. `2027`). */
  graduationYear: z.number().int().min(1900).max(2200).optional(),
});
/** See {@link EventSchema}. */
export type AtsEvent = z.infer<typeof EventSchema>;

const eventParsers = createParsers("event", EventSchema);
/** Parses an {@link AtsEvent}; throws a `ValidationError` listing every failing path. */
export const parseEvent = eventParsers.parse;
/** Parses an {@link AtsEvent} without throwing. */
export const safeParseEvent = eventParsers.safeParse;

/**
 * A candidate's reservation of an event, as synced from a board (MIWS seminar reservations, SPEC §5).
 * `externalId` is the board's reservation or seminar id, so a re-sync updates instead of duplicating.
 */
export const ReservationSchema = z.object({
  id: z.string().min(1),
  eventId: z.string().min(1),
  candidateId: z.string().min(1),
  provider: z.string().min(1),
  externalId: z.string().min(1),
  status: z.enum(["reserved", "cancelled", "attended", "absent"]),
  reservedAt: InstantSchema,
  updatedAt: InstantSchema,
});
/** See {@link ReservationSchema}. */
export type Reservation = z.infer<typeof ReservationSchema>;

const reservationParsers = createParsers("reservation", ReservationSchema);
/** Parses a {@link Reservation}; throws a `ValidationError` listing every failing path. */
export const parseReservation = reservationParsers.parse;
/** Parses a {@link Reservation} without throwing. */
export const safeParseReservation = reservationParsers.safeParse;
