import CnnElements from './cnn-elements';

export const metadata = { title: 'A course on convolutional networks' };

export default function Layout({ children }) {
  return (
    <html lang="en">
      <body>
        <CnnElements />
        {children}
      </body>
    </html>
  );
}
