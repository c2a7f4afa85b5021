/** The first-run state of an empty canvas: what a flow is and the three steps to build one. */
export function EmptyState({ onAdd }: { onAdd: () => void }) {
  return (
    <div className="empty-state" role="note">
      <h2>Your flow is empty</h2>
      <p>A flow is the conversation your customers have with you. Build it step by step:</p>
      <ol>
        <li>
          Add a <strong>Message</strong> from the left (click it or drag it here).
        </li>
        <li>Add more steps and connect them by dragging from a dot on the right of a step to the next step.</li>
        <li>
          Click <strong>▶ Preview</strong> to chat with it, then <strong>Publish</strong>.
        </li>
      </ol>
      <button type="button" className="primary" onClick={onAdd}>
        Add a first message
      </button>
    </div>
  );
}
