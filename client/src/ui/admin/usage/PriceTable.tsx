// The price table: each provider's model with its price, to change or remove, and the form that
// sets one.
import type { ModelPriceView } from "@openvibe/schema";
import type { ReactNode } from "react";
import { usageApi } from "../../../api/admin-endpoints.ts";
import { useApiAction } from "../../forms/api-action.ts";
import { ActionError } from "../../forms/Field.tsx";
import { formatMoney } from "./money.ts";
import { type PriceDraft, PriceForm } from "./PriceForm.tsx";

export interface PriceTableProps {
  prices: readonly ModelPriceView[];
  models: readonly string[];
  /** What the form shows, and a key that resets it when another model is picked. */
  draft: { key: string; value: PriceDraft };
  onEdit(draft: PriceDraft): void;
  /** After a price was set or removed. */
  onChanged(): void;
}

export function PriceTable(props: PriceTableProps): ReactNode {
  const { prices, models, draft, onEdit, onChanged } = props;
  const removal = useApiAction();
  const remove = async (price: ModelPriceView) => {
    const done = await removal.run(() => usageApi.removePrice(price.id));
    if (done !== undefined) onChanged();
  };
  return (
    <>
      {prices.length === 0 ? (
        <p className="empty">No prices yet: costs show once a model has one.</p>
      ) : (
        <table className="usage-table" aria-label="Prices">
          <thead>
            <tr>
              <th scope="col">Provider</th>
              <th scope="col">Model</th>
              <th scope="col">Input / M tokens</th>
              <th scope="col">Output / M tokens</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {prices.map((price) => (
              <tr key={price.id}>
                <td>{price.provider}</td>
                <td>{price.model}</td>
                <td>{formatMoney({ amount: price.inputPerMillion, currency: price.currency })}</td>
                <td>{formatMoney({ amount: price.outputPerMillion, currency: price.currency })}</td>
                <td>
                  <button
                    type="button"
                    aria-label={`Change the price of ${price.model}`}
                    onClick={() => onEdit(price)}
                  >
                    Change
                  </button>{" "}
                  <button
                    type="button"
                    aria-label={`Remove the price of ${price.model}`}
                    disabled={removal.busy}
                    onClick={() => void remove(price)}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ActionError action={removal} />
      <PriceForm key={draft.key} draft={draft.value} models={models} onSaved={onChanged} />
    </>
  );
}
