/** What a page shows when its address holds a value it cannot accept (a malformed id, page number…). */
export function InvalidRequest({ message }: { message: string }) {
  return (
    <main>
      <div className="notice" role="alert">
        This address is not valid: {message}.
      </div>
    </main>
  );
}
