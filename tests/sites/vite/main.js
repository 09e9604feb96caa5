import 'cnn-elements';
