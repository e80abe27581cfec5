// Sets the price of one provider's model (a new one, or replacing the one it has). The server
// validates; its complaints appear beside the fields.
import {
  MODEL_PROVIDERS,
  type ModelPriceView,
  type ModelProviderName,
  type PutModelPriceRequest,
} from "@openvibe/schema";
import { type FormEvent, type ReactNode, useId } from "react";
import { usageApi } from "../../../api/admin-endpoints.ts";
import { useApiAction } from "../../forms/api-action.ts";
import { ActionError, Field } from "../../forms/Field.tsx";

/** What the form starts from: a model to price, or a price to change. */
export type PriceDraft = Partial<PutModelPriceRequest> & Pick<PutModelPriceRequest, "provider">;

const FIELDS = ["provider", "model", "inputPerMillion", "outputPerMillion", "currency"];

/** A number field as the request wants it; empty stays null for the server to name. */
function amount(value: FormDataEntryValue | null): number | null {
  const text = String(value ?? "").trim();
  return text === "" ? null : Number(text);
}

export function PriceForm(props: {
  draft: PriceDraft;
  /** Model names to suggest (those in the usage report). */
  models: readonly string[];
  onSaved(price: ModelPriceView): void;
}): ReactNode {
  const { draft, models, onSaved } = props;
  const action = useApiAction(FIELDS);
  const listId = useId();
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const body = {
      provider: String(data.get("provider")) as ModelProviderName,
      model: String(data.get("model") ?? ""),
      inputPerMillion: amount(data.get("inputPerMillion")),
      outputPerMillion: amount(data.get("outputPerMillion")),
      currency: String(data.get("currency") ?? "").toUpperCase(),
    };
    // The server checks every field and names the ones it refuses.
    const saved = await action.run(() => usageApi.putPrice(body as PutModelPriceRequest));
    if (saved !== undefined) onSaved(saved);
  };
  return (
    <form className="admin-form" aria-label="Set a price" onSubmit={(e) => void submit(e)}>
      <Field label="Provider" path="provider" action={action}>
        {(control) => (
          <select {...control} defaultValue={draft.provider}>
            {MODEL_PROVIDERS.map((provider) => (
              <option key={provider}>{provider}</option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Model" path="model" action={action}>
        {(control) => (
          <input
            {...control}
            defaultValue={draft.model}
            list={listId}
            required
            autoComplete="off"
          />
        )}
      </Field>
      <datalist id={listId}>
        {models.map((model) => (
          <option key={model} value={model} />
        ))}
      </datalist>
      <Field label="Input, per million tokens" path="inputPerMillion" action={action}>
        {(control) => (
          <input {...control} defaultValue={draft.inputPerMillion} inputMode="decimal" required />
        )}
      </Field>
      <Field label="Output, per million tokens" path="outputPerMillion" action={action}>
        {(control) => (
          <input {...control} defaultValue={draft.outputPerMillion} inputMode="decimal" required />
        )}
      </Field>
      <Field label="Currency" path="currency" action={action}>
        {(control) => (
          <input {...control} defaultValue={draft.currency ?? "USD"} maxLength={3} required />
        )}
      </Field>
      <button type="submit" disabled={action.busy}>
        Save price
      </button>
      <ActionError action={action} />
    </form>
  );
}
