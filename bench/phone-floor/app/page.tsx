export default function Page() {
  return (
    <main>
      <h1>加入会议</h1>
      <p>请输入主持人展示的会议码。</p>
    </main>
  );
}
