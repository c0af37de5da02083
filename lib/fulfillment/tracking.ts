/** What the customer needs to follow the parcel. */
export type TTracking = { numbers: string[]; carrier: string | null };
