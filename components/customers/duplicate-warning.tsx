import Link from "next/link";
import { Button } from "@/components/ui/button";

/**
 * The server's `possible_duplicate` answer: names the existing customer with a link, and offers to
 * submit the same form again with the operator's confirmation that this is a different customer.
 */
export function DuplicateWarning({ message, customerId, customerName, pending }: { message: string; customerId: string; customerName: string; pending: boolean }) {
  return (
    <div role="alert" className="grid gap-3 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900" data-testid="duplicate-warning">
      <p>{message}</p>
      <p>
        <Link href={`/customers/${customerId}`} target="_blank" className="font-medium text-brand-700 underline">
          Open {customerName}
        </Link>{" "}
        to check it first.
      </p>
      <div>
        <Button type="submit" name="confirmDuplicate" value="true" variant="secondary" disabled={pending}>
          Onboard anyway
        </Button>
      </div>
    </div>
  );
}
