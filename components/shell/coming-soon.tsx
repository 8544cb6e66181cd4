import { Construction } from "lucide-react";

export function ComingSoon({ text }: { text: string }) {
  return (
    <div className="m-6 flex max-w-xl items-start gap-3 rounded-lg border border-dashed p-6 text-muted-foreground">
      <Construction className="mt-0.5 size-5 shrink-0" />
      <p className="text-sm">{text}</p>
    </div>
  );
}
